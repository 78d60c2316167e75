package io.ginpreflight.families;

import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.openapi.GeneratedHocon;
import io.ginpreflight.openapi.GeneratedRequest;
import io.ginpreflight.openapi.OpenApiDocument;
import io.ginpreflight.openapi.OpenApiRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binding family's requests when {@code preflight.openapi} names a document: generated from it
 * (replacing {@code binding.requests}), printed one per line, and written to the run folder as HOCON
 * ({@value #FILE}) for the user to copy and edit.
 */
final class OpenApiFamily {

  static final String KEY = "preflight.openapi";
  static final String FILE = "openapi-requests.conf";
  private static final Logger LOG = LoggerFactory.getLogger(OpenApiFamily.class);

  /** The binding family's requests, and the same as HOCON for the run folder. */
  record Generated(List<Endpoint> requests, String hocon) {

    /** Writes the HOCON into the run folder. */
    void write(Path runDir) {
      try {
        Files.writeString(runDir.resolve(FILE), hocon);
        LOG.info("binding: the generated requests are in {}", runDir.resolve(FILE));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + runDir.resolve(FILE), e);
      }
    }
  }

  private OpenApiFamily() {}

  static Generated read(PreflightConfig config) {
    Path projectDir = Path.of(config.hasValue("preflight.project-dir") ? config.string("preflight.project-dir")
        : System.getProperty("user.dir"));
    Path file = projectDir.resolve(config.string(KEY));
    OpenApiRequests.Generated result = OpenApiRequests.from(OpenApiDocument.read(file));
    // nothing is skipped silently: each operation or variant left out has its line
    result.skipped().forEach(LOG::info);
    if (result.requests().isEmpty()) {
      throw new io.ginpreflight.config.ConfigProblem("The OpenAPI document '" + file + "' (" + KEY + ") gave no "
          + "request the generator could fill: list the binding family's requests by hand, or unset " + KEY + ".");
    }
    LOG.info("binding: {} requests generated from {} ({} replaces preflight.families.binding.requests):",
        result.requests().size(), file, KEY);
    result.requests().forEach(request -> LOG.info("  {}", GeneratedHocon.entry(request)));
    return new Generated(result.requests().stream().map(OpenApiFamily::endpoint).toList(),
        GeneratedHocon.file(file, result.requests(), result.skipped()));
  }

  private static Endpoint endpoint(GeneratedRequest request) {
    return new Endpoint(request.name(), request.method(), request.path(),
        request.body().map(body -> "application/json"), request.body(), Optional.empty(), Map.of(), Map.of(),
        request.statuses(), 1);
  }
}
