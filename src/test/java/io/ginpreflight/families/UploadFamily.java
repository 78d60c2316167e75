package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.RawFileBody;
import static io.gatling.javaapi.http.HttpDsl.RawFileBodyPart;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.http.HttpDsl.StringBodyPart;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.gatling.RawClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Uploads, where Gin services leak temp files and descriptors: multipart with one and several files from
 * 1 KiB to above MaxMultipartMemory (those parts spill to temp files), raw streamed bodies, clients that
 * close the connection mid-body, oversized bodies (expect 413), malformed multipart and a missing file part
 * (expect 400). Settings from {@code preflight.families.uploads}.
 */
public final class UploadFamily {

  static final String NAME = "uploads";
  private static final String AT = "preflight.families.uploads.";
  private static final String BOUNDARY = "gin-preflight-boundary";

  private final UploadEndpoint single;
  private final Optional<UploadEndpoint> multiple;
  private final Optional<UploadEndpoint> stream;
  private final int multipleFiles;
  private final List<Long> sizes;
  private final long spillSize;
  private final int spillEvery;
  private final long oversizedSize;
  private final List<Integer> oversizedStatus;
  private final int oversizedEvery;
  private final List<Integer> malformedStatus;
  private final List<Integer> missingPartStatus;
  private final long abortSize;
  private final Load load;

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

  private UploadFamily(PreflightConfig config, UploadEndpoint single, Profile profile) {
    this.single = single;
    this.multiple = UploadEndpoint.from(config, AT + "multiple.", "field");
    this.stream = UploadEndpoint.from(config, AT + "stream.", "content-type");
    this.multipleFiles = config.positiveInt(AT + "multiple.files");
    this.sizes = config.positiveBytesList(AT + "sizes");
    this.spillSize = config.positiveBytes(AT + "spill.size");
    this.spillEvery = config.positiveInt(AT + "spill.every");
    this.oversizedSize = config.positiveBytes(AT + "oversized.size");
    this.oversizedStatus = config.statuses(AT + "oversized.status");
    this.oversizedEvery = config.positiveInt(AT + "oversized.every");
    this.malformedStatus = config.statuses(AT + "malformed-status");
    this.missingPartStatus = config.statuses(AT + "missing-part-status");
    this.abortSize = config.positiveBytes(AT + "abort-size");
    this.load = Load.from(config, NAME, profile);
  }

  static Optional<UploadFamily> from(PreflightConfig config, Profile profile, Skips skips) {
    if (!config.bool(AT + "enabled")) {
      skips.family(NAME, AT + "enabled is false");
      return Optional.empty();
    }
    Optional<UploadEndpoint> single = UploadEndpoint.from(config, AT + "single.", "field");
    if (single.isEmpty()) {
      skips.family(NAME, AT + "single.path is not set");
      return Optional.empty();
    }
    UploadFamily family = new UploadFamily(config, single.get(), profile);
    if (family.multiple.isEmpty()) {
      skips.endpoint(NAME, "multiple-file upload", AT + "multiple.path is not set");
    }
    if (family.stream.isEmpty()) {
      skips.endpoint(NAME, "streamed upload", AT + "stream.path is not set");
    }
    return Optional.of(family);
  }

  /** The family against the run's target; its cut-off uploads run on the run's raw-client threads. */
  Family family(String baseUrl, RawClients rawClients) {
    RawSocketClient raw = new RawSocketClient(baseUrl);
    List<ChainBuilder> steps = new ArrayList<>();
    for (long size : sizes) {
      steps.add(exec(multipart("upload: single " + Sizes.label(size), single, size, 1)));
    }
    multiple.ifPresent(m -> steps.add(exec(multipart("upload: multiple " + multipleFiles + " × "
        + Sizes.label(sizes.get(0)), m, sizes.get(0), multipleFiles))));
    stream.ifPresent(s -> sizes.forEach(size -> steps.add(exec(streamed("upload: stream " + Sizes.label(size),
        s, size)))));
    steps.add(exec(malformed()));
    steps.add(exec(missingPart()));
    steps.add(abortedMultipart(rawClients, raw));
    stream.ifPresent(s -> steps.add(abortedStream(rawClients, raw, s)));
    // Large bodies are slow to send: one journey in N sends them.
    steps.add(doIf(session -> session.getLong("seq") % spillEvery == 0).then(exec(multipart(
        "upload: single " + Sizes.label(spillSize) + " (spills to disk)", single, spillSize, 1))));
    steps.add(doIf(session -> session.getLong("seq") % oversizedEvery == 0).then(exec(oversized())));
    ChainBuilder journey = feed(new RunSequence()).exec(steps);
    return new Family(NAME, journey, journey, load, List.of());
  }

  private static HttpRequestActionBuilder multipart(String name, UploadEndpoint endpoint, long size, int files) {
    return multipart(name, endpoint, size, files, endpoint.status());
  }

  private static HttpRequestActionBuilder multipart(String name, UploadEndpoint endpoint, long size, int files,
      List<Integer> statuses) {
    Path file = UploadFiles.ofSize(size);
    HttpRequestActionBuilder request = http(name).httpRequest(endpoint.method(), endpoint.path());
    for (int i = 1; i <= files; i++) {
      request = request.bodyPart(RawFileBodyPart(endpoint.fieldOrType(), file.toString())
          .fileName("preflight-" + i + "-" + size + ".bin").contentType("application/octet-stream"));
    }
    return request.asMultipartForm().check(status().in(statuses.toArray(Integer[]::new)));
  }

  private static HttpRequestActionBuilder streamed(String name, UploadEndpoint endpoint, long size) {
    return http(name).httpRequest(endpoint.method(), endpoint.path())
        .header("Content-Type", endpoint.fieldOrType())
        .body(RawFileBody(UploadFiles.ofSize(size).toString()))
        .check(status().in(endpoint.status().toArray(Integer[]::new)));
  }

  private HttpRequestActionBuilder oversized() {
    return multipart("upload: oversized " + Sizes.label(oversizedSize), single, oversizedSize, 1, oversizedStatus);
  }

  private HttpRequestActionBuilder malformed() {
    // A part that never ends: the closing boundary is missing.
    return http("upload: malformed multipart").httpRequest(single.method(), single.path())
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .body(StringBody("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + single.fieldOrType()
            + "\"; filename=\"cut.bin\"\r\n\r\nno closing boundary"))
        .check(status().in(malformedStatus.toArray(Integer[]::new)));
  }

  private HttpRequestActionBuilder missingPart() {
    return http("upload: missing file part").httpRequest(single.method(), single.path())
        .bodyPart(StringBodyPart("comment", "no file here")).asMultipartForm()
        .check(status().in(missingPartStatus.toArray(Integer[]::new)));
  }

  private ChainBuilder abortedMultipart(RawClients rawClients, RawSocketClient raw) {
    byte[] partHead = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + single.fieldOrType()
        + "\"; filename=\"aborted.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    long contentLength = partHead.length + abortSize + ("\r\n--" + BOUNDARY + "--\r\n").length();
    byte[] sent = new byte[partHead.length + (int) (abortSize / 2)];
    System.arraycopy(partHead, 0, sent, 0, partHead.length);
    return exec(rawClients.request("upload: aborted mid-body " + Sizes.label(abortSize), session -> () -> raw.abortBody(
        single.method(), SessionText.fill(single.path(), session), "multipart/form-data; boundary=" + BOUNDARY,
        contentLength, sent)));
  }

  private ChainBuilder abortedStream(RawClients rawClients, RawSocketClient raw, UploadEndpoint endpoint) {
    byte[] sent = new byte[(int) (abortSize / 2)];
    return exec(rawClients.request("upload: stream aborted mid-body " + Sizes.label(abortSize), session -> () ->
        raw.abortBody(endpoint.method(), SessionText.fill(endpoint.path(), session), endpoint.fieldOrType(),
            abortSize, sent)));
  }
}
