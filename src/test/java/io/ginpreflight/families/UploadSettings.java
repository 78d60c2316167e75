package io.ginpreflight.families;

import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.openapi.GeneratedUpload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the uploads family sends: {@code preflight.families.uploads}, or, when its {@code single.path} is not
 * set, the multipart operation of {@code preflight.openapi} with the statuses it declares and its file
 * field's size limit. A request the settings cannot make right is not sent, with a line saying why.
 *
 * @param spill the large upload that spills to a temp file, one journey in its every; empty: not sent
 * @param oversized the upload above the service's limit, one journey in its every; empty: not sent
 * @param malformedStatus what a multipart body without its closing boundary answers; empty: not sent
 * @param missingPartStatus what a form without the file part answers; empty: not sent
 */
record UploadSettings(UploadEndpoint single, Optional<UploadEndpoint> multiple, Optional<UploadEndpoint> stream,
    int multipleFiles, List<Long> sizes, Optional<Large> spill, Optional<Large> oversized,
    Optional<List<Integer>> malformedStatus, Optional<List<Integer>> missingPartStatus, long abortSize) {

  private static final String AT = "preflight.families.uploads.";
  private static final Logger LOG = LoggerFactory.getLogger(UploadSettings.class);
  private static final int TOO_LARGE = 413;

  /** One upload endpoint: method, path (EL), the multipart field or the raw body's content type, status. */
  record UploadEndpoint(String method, String path, String fieldOrType, List<Integer> status) {
    static Optional<UploadEndpoint> from(PreflightConfig config, String at, String fieldKey) {
      if (!config.hasNonBlankValue(at + "path")) {
        return Optional.empty();
      }
      return Optional.of(new UploadEndpoint(config.string(at + "method").trim().toUpperCase(),
          config.string(at + "path"), config.string(at + fieldKey), config.statuses(at + "status")));
    }
  }

  /** A large body: its size, the statuses that count as handled, and one journey in how many sends it. */
  record Large(long size, List<Integer> status, int every) {}

  /** Empty (and said) when neither single.path nor the document gives an upload endpoint. */
  static Optional<UploadSettings> from(PreflightConfig config, Skips skips, Optional<GeneratedUpload> document) {
    Optional<UploadEndpoint> configured = UploadEndpoint.from(config, AT + "single.", "field");
    if (configured.isPresent()) {
      document.ifPresent(d -> LOG.info("uploads: {}single.path is set, so it is sent instead of {}", AT, d.name()));
      return Optional.of(configured(config, skips, configured.get()));
    }
    if (document.isPresent()) {
      return Optional.of(documented(config, skips, document.get()));
    }
    skips.family(UploadFamily.NAME, AT + "single.path is not set (nor a multipart operation in preflight.openapi)");
    return Optional.empty();
  }

  private static UploadSettings configured(PreflightConfig config, Skips skips, UploadEndpoint single) {
    Optional<Large> oversized = Optional.empty();
    if (config.hasNonBlankValue(AT + "oversized.size")) {
      oversized = Optional.of(new Large(config.positiveBytes(AT + "oversized.size"),
          config.statuses(AT + "oversized.status"), config.positiveInt(AT + "oversized.every")));
    } else {
      skips.endpoint(UploadFamily.NAME, "oversized upload", AT + "oversized.size is not set (above your body limit)");
    }
    return new UploadSettings(single, optionalEndpoint(config, skips, "multiple", "field", "multiple-file upload"),
        optionalEndpoint(config, skips, "stream", "content-type", "streamed upload"),
        config.positiveInt(AT + "multiple.files"), config.positiveBytesList(AT + "sizes"),
        Optional.of(spill(config, single.status())), oversized,
        optionalStatus(config, skips, "malformed-status", "malformed multipart"),
        optionalStatus(config, skips, "missing-part-status", "missing file part"), config.positiveBytes(AT + "abort-size"));
  }

  private static UploadSettings documented(PreflightConfig config, Skips skips, GeneratedUpload document) {
    UploadEndpoint single = new UploadEndpoint(document.method(), document.path(), document.field(), document.statuses());
    OptionalLong limit = document.maxBytes();
    List<Long> sizes = new ArrayList<>();
    for (long size : config.positiveBytesList(AT + "sizes")) {
      if (limit.isPresent() && size > limit.getAsLong()) {
        skips.endpoint(UploadFamily.NAME, "upload of " + Sizes.label(size), "above the limit " + document.name()
            + " declares for field " + document.field() + " (" + Sizes.label(limit.getAsLong()) + ")");
      } else {
        sizes.add(size);
      }
    }
    List<Integer> spillStatus = new ArrayList<>(document.statuses());
    if (document.tooLarge()) {
      spillStatus.add(TOO_LARGE);  // a body limit under the spill size answers its declared 413, also handled
    }
    Optional<Large> spill = Optional.of(config.hasNonBlankValue(AT + "spill.status") ? spill(config, document.statuses())
        : new Large(config.positiveBytes(AT + "spill.size"), spillStatus, config.positiveInt(AT + "spill.every")));
    if (limit.isPresent() && spill.get().size() > limit.getAsLong()) {
      spill = Optional.empty();
      skips.endpoint(UploadFamily.NAME, "upload that spills to disk", "above the limit " + document.name()
          + " declares (" + Sizes.label(limit.getAsLong()) + ")");
    }
    return new UploadSettings(single, optionalEndpoint(config, skips, "multiple", "field", "multiple-file upload"),
        optionalEndpoint(config, skips, "stream", "content-type", "streamed upload"),
        config.positiveInt(AT + "multiple.files"), sizes, spill, oversized(config, skips, document),
        badInput(skips, document, "malformed multipart"), badInput(skips, document, "missing file part"),
        config.positiveBytes(AT + "abort-size"));
  }

  private static Optional<Large> oversized(PreflightConfig config, Skips skips, GeneratedUpload document) {
    if (config.hasNonBlankValue(AT + "oversized.size")) {
      return Optional.of(new Large(config.positiveBytes(AT + "oversized.size"), config.statuses(AT + "oversized.status"),
          config.positiveInt(AT + "oversized.every")));
    }
    if (document.maxBytes().isPresent() && document.tooLarge()) {
      return Optional.of(new Large(document.maxBytes().getAsLong() + 1, List.of(TOO_LARGE),
          config.positiveInt(AT + "oversized.every")));
    }
    skips.endpoint(UploadFamily.NAME, "oversized upload", document.name() + (document.tooLarge()
        ? " declares 413 but no size limit (maxLength of field " + document.field() + ")"
        : " declares no 413") + ": set " + AT + "oversized.size above the service's body limit");
    return Optional.empty();
  }

  private static Optional<List<Integer>> badInput(Skips skips, GeneratedUpload document, String what) {
    if (document.badInput().isEmpty()) {
      skips.endpoint(UploadFamily.NAME, what, document.name() + " declares neither 400 nor 422 for bad input");
      return Optional.empty();
    }
    return Optional.of(document.badInput());
  }

  private static Large spill(PreflightConfig config, List<Integer> singleStatus) {
    return new Large(config.positiveBytes(AT + "spill.size"),
        config.hasNonBlankValue(AT + "spill.status") ? config.statuses(AT + "spill.status") : singleStatus,
        config.positiveInt(AT + "spill.every"));
  }

  private static Optional<UploadEndpoint> optionalEndpoint(PreflightConfig config, Skips skips, String key,
      String fieldKey, String what) {
    Optional<UploadEndpoint> endpoint = UploadEndpoint.from(config, AT + key + ".", fieldKey);
    if (endpoint.isEmpty()) {
      skips.endpoint(UploadFamily.NAME, what, AT + key + ".path is not set");
    }
    return endpoint;
  }

  private static Optional<List<Integer>> optionalStatus(PreflightConfig config, Skips skips, String key, String what) {
    if (!config.hasNonBlankValue(AT + key)) {
      skips.endpoint(UploadFamily.NAME, what, AT + key + " is not set");
      return Optional.empty();
    }
    return Optional.of(config.statuses(AT + key));
  }
}
