package io.ginpreflight.families;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.PreflightConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A service configured with its URL and its swagger.json alone: testdata/intake's document (swag v1.16.6)
 * fills binding, its two event streams the SSE list and its multipart operation the uploads family; what
 * the document cannot say is not sent, each with a line.
 */
class OpenApiFamiliesTest {

  private static final List<String> ALL = List.of(Families.UPLOADS, Families.BINDING, Families.LONG_CONNECTIONS,
      Families.API);

  private static PreflightConfig config(Map<String, Object> more) {
    Map<String, Object> settings = new java.util.HashMap<>(Map.of("preflight.target.url", "http://127.0.0.1:8080",
        "preflight.openapi", "src/test/resources/testdata/intake/docs/swagger.json"));
    settings.putAll(more);
    return PreflightConfig.from(ConfigFactory.parseMap(settings), Optional.empty());
  }

  @Test
  void theDocumentFillsUploadsBindingAndSseAndWhatItCannotSayIsSkippedWithALine() {
    Families families = Families.read(config(Map.of()), Optional.empty(), ALL);

    assertEquals(List.of(
        "family \"uploads\": multiple-file upload skipped: preflight.families.uploads.multiple.path is not set",
        "family \"uploads\": streamed upload skipped: preflight.families.uploads.stream.path is not set",
        "family \"uploads\": oversized upload skipped: openapi: POST /v1/documents declares 413 but no size limit "
            + "(maxLength of field document): set preflight.families.uploads.oversized.size above the service's body "
            + "limit",
        "family \"long-connections\": WebSocket skipped: preflight.families.long-connections.websocket.path is not set",
        "family \"long-connections\": long poll skipped: preflight.families.long-connections.long-poll.path is not set",
        "family \"api\" skipped: preflight.families.api.requests is not set"), families.skipped());
  }

  @Test
  void theUploadExpectsWhatTheOperationDeclaresAndItsSpillMayMeetTheDeclared413() {
    Skips skips = new Skips();
    UploadSettings settings = UploadSettings.from(config(Map.of()), skips,
        OpenApiFamily.read(config(Map.of())).flatMap(OpenApiFamily.Generated::upload)).orElseThrow();

    assertEquals(new UploadSettings.UploadEndpoint("POST", "/v1/documents", "document", List.of(201)), settings.single());
    // a service whose body limit is under Gin's MaxMultipartMemory refuses the spilling upload with its 413
    assertEquals(List.of(201, 413), settings.spill().orElseThrow().status());
    assertEquals(Optional.of(List.of(400, 422)), settings.malformedStatus());
    assertEquals(Optional.empty(), settings.oversized());
  }

  @Test
  void anOversizedSizeSetByHandIsSentWhereTheDocumentGivesNoLimit() {
    // GIVEN the limit set by hand where the document cannot say it
    Skips skips = new Skips();
    PreflightConfig config = config(Map.of("preflight.families.uploads.oversized.size", "9MiB"));
    UploadSettings settings = UploadSettings.from(config, skips,
        OpenApiFamily.read(config).flatMap(OpenApiFamily.Generated::upload)).orElseThrow();

    assertEquals(9L << 20, settings.oversized().orElseThrow().size());
    assertEquals(List.of(413), settings.oversized().orElseThrow().status());
  }

  @Test
  void whatTheUserSetWinsOverTheDocument() {
    Skips skips = new Skips();
    PreflightConfig config = config(Map.of("preflight.families.uploads.single.path", "/v2/files",
        "preflight.families.long-connections.sse.path", "/v2/feed"));
    Optional<OpenApiFamily.Generated> document = OpenApiFamily.read(config);

    assertEquals("/v2/files", UploadSettings.from(config, skips, document.flatMap(OpenApiFamily.Generated::upload))
        .orElseThrow().single().path());
    assertEquals(List.of("/v2/feed"), LongConnectionFamily.from(config, Profile.QUICK, skips,
        document.orElseThrow().streams()).orElseThrow().streams().stream().map(SseEndpoint::path).toList());
  }
}
