package io.ginpreflight.families;

import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.openapi.GeneratedHocon;
import io.ginpreflight.openapi.GeneratedRequest;
import io.ginpreflight.openapi.GeneratedStream;
import io.ginpreflight.openapi.GeneratedUpload;
import io.ginpreflight.openapi.OpenApiDocument;
import io.ginpreflight.openapi.OpenApiRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints {@code preflight.openapi} names, read once before the target starts, for the families whose
 * endpoints the user did not set: the binding requests, the SSE streams (operations that produce
 * text/event-stream) and the upload endpoint (the first multipart/form-data operation with a file field).
 * Printed, and written to the run folder as HOCON ({@value #FILE}) for the user to copy and edit.
 */
final class OpenApiFamily {

  static final String KEY = "preflight.openapi";
  static final String FILE = "openapi-requests.conf";
  private static final Logger LOG = LoggerFactory.getLogger(OpenApiFamily.class);
  private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(5);

  /** What the document gave each family, and the same as HOCON for the run folder. */
  record Generated(Path document, List<Endpoint> requests, List<SseEndpoint> streams, Optional<GeneratedUpload> upload,
      String hocon) {

    /** Writes the HOCON into the run folder. */
    void write(Path runDir) {
      try {
        Files.writeString(runDir.resolve(FILE), hocon);
        LOG.info("openapi: what {} gave is in {}", document.getFileName(), runDir.resolve(FILE));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + runDir.resolve(FILE), e);
      }
    }
  }

  private OpenApiFamily() {}

  /** The document named by {@value #KEY}, when set. */
  static Optional<Generated> read(PreflightConfig config) {
    if (!config.hasNonBlankValue(KEY)) {
      return Optional.empty();
    }
    Path projectDir = Path.of(config.hasValue("preflight.project-dir") ? config.string("preflight.project-dir")
        : System.getProperty("user.dir"));
    Path file = projectDir.resolve(config.string(KEY));
    OpenApiRequests.Generated result = OpenApiRequests.from(OpenApiDocument.read(file));
    // nothing is skipped silently: each operation or variant left out has its line
    result.skipped().forEach(LOG::info);
    List<GeneratedUpload> uploads = result.uploads();
    uploads.stream().skip(1).forEach(other -> LOG.info("{} skipped: the uploads family drives one multipart "
        + "endpoint, {} (the document's first); list this one under preflight.families.uploads by hand",
        other.name(), uploads.get(0).name()));
    if (result.requests().isEmpty() && result.streams().isEmpty() && uploads.isEmpty()) {
      throw new ConfigProblem("The OpenAPI document '" + file + "' (" + KEY + ") gave no request the generator could "
          + "fill: list the families' endpoints by hand (docs/targeting-your-service.md), or unset " + KEY + ".");
    }
    LOG.info("openapi: {} gave {} binding requests, {} SSE streams and {} upload endpoint(s):", file,
        result.requests().size(), result.streams().size(), uploads.size());
    result.requests().forEach(request -> LOG.info("  binding {}", GeneratedHocon.entry(request)));
    result.streams().forEach(stream -> LOG.info("  sse {}", GeneratedHocon.entry(stream)));
    uploads.stream().limit(1).forEach(upload -> LOG.info("  uploads.single {}", GeneratedHocon.entry(upload)));
    return Optional.of(new Generated(file, result.requests().stream().map(OpenApiFamily::endpoint).toList(),
        result.streams().stream().map(OpenApiFamily::stream).toList(), uploads.stream().findFirst(),
        GeneratedHocon.file(file, result)));
  }

  private static Endpoint endpoint(GeneratedRequest request) {
    return new Endpoint(request.name(), request.method(), request.path(),
        request.body().map(body -> "application/json"), request.body(), Optional.empty(), Map.of(), Map.of(),
        request.statuses(), 1);
  }

  /** A client reads the first event and closes: the one event every stream sends, whether or not it ends. */
  private static SseEndpoint stream(GeneratedStream stream) {
    return new SseEndpoint(stream.name(), stream.path(), Optional.empty(), Optional.empty(), 1, Optional.empty(), 0,
        STREAM_TIMEOUT, 1);
  }
}
