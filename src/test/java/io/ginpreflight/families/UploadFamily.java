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
import io.ginpreflight.families.UploadSettings.UploadEndpoint;
import io.ginpreflight.gatling.Exchanges;
import io.ginpreflight.gatling.JourneyParts;
import io.ginpreflight.gatling.RawClients;
import io.ginpreflight.model.RequestPart;
import io.ginpreflight.openapi.GeneratedUpload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Uploads, where Gin services leak temp files and descriptors: multipart with one and several files from
 * 1 KiB to above MaxMultipartMemory (those parts spill to temp files), raw streamed bodies, clients that
 * close the connection mid-body, oversized bodies (expect 413), malformed multipart and a missing file part
 * (expect the service's 4xx). What it sends and expects: {@link UploadSettings}.
 */
public final class UploadFamily {

  static final String NAME = "uploads";
  private static final String BOUNDARY = "gin-preflight-boundary";

  private final UploadSettings settings;
  private final UploadEndpoint single;
  private final Load load;

  private UploadFamily(UploadSettings settings, Load load) {
    this.settings = settings;
    this.single = settings.single();
    this.load = load;
  }

  /**
   * @param document the multipart operation of preflight.openapi, used when single.path is not set
   */
  static Optional<UploadFamily> from(PreflightConfig config, Profile profile, Skips skips,
      Optional<GeneratedUpload> document) {
    if (!config.bool("preflight.families.uploads.enabled")) {
      skips.family(NAME, "preflight.families.uploads.enabled is false");
      return Optional.empty();
    }
    return UploadSettings.from(config, skips, document).map(settings -> new UploadFamily(settings,
        Load.from(config, NAME, profile)));
  }

  /** The family against the run's target; its cut-off uploads run on the run's raw-client threads. */
  Family family(String baseUrl, RawClients rawClients, Exchanges exchanges) {
    RawSocketClient raw = new RawSocketClient(baseUrl);
    List<JourneyParts.Part> parts = new ArrayList<>();
    List<Long> sizes = settings.sizes();
    for (long size : sizes) {
      String name = "upload: single " + Sizes.label(size);
      parts.add(part(name, single, 1, exec(multipart(name, single, size, 1))));
    }
    int files = settings.multipleFiles();
    long smallest = sizes.isEmpty() ? 1024 : sizes.get(0);
    settings.multiple().ifPresent(m -> {
      String name = "upload: multiple " + files + " × " + Sizes.label(smallest);
      parts.add(part(name, m, 1, exec(multipart(name, m, smallest, files))));
    });
    settings.stream().ifPresent(s -> sizes.forEach(size -> {
      String name = "upload: stream " + Sizes.label(size);
      parts.add(part(name, s, 1, exec(streamed(name, s, size))));
    }));
    settings.malformedStatus().ifPresent(status -> parts.add(part("upload: malformed multipart", single, 1,
        exec(malformed(status)))));
    settings.missingPartStatus().ifPresent(status -> parts.add(part("upload: missing file part", single, 1,
        exec(missingPart(status)))));
    String aborted = "upload: aborted mid-body " + Sizes.label(settings.abortSize());
    parts.add(part(aborted, single, 1, exchanges.counted(abortedMultipart(aborted, rawClients, raw))));
    settings.stream().ifPresent(s -> {
      String name = "upload: stream aborted mid-body " + Sizes.label(settings.abortSize());
      parts.add(part(name, s, 1, exchanges.counted(abortedStream(name, rawClients, raw, s))));
    });
    // Large bodies are slow to send: one journey in N sends them.
    settings.spill().ifPresent(spill -> {
      String name = "upload: single " + Sizes.label(spill.size()) + " (spills to disk)";
      parts.add(part(name, single, 1.0 / spill.every(), doIf(session -> session.getLong("seq") % spill.every() == 0)
          .then(exec(multipart(name, single, spill.size(), 1, spill.status())))));
    });
    settings.oversized().ifPresent(oversized -> {
      String name = "upload: oversized " + Sizes.label(oversized.size());
      parts.add(part(name, single, 1.0 / oversized.every(), doIf(session -> session.getLong("seq")
          % oversized.every() == 0).then(exec(multipart(name, single, oversized.size(), 1, oversized.status())))));
    });
    ChainBuilder journey = feed(new RunSequence()).exec(parts.stream().map(JourneyParts.Part::chain).toList());
    return new Family(NAME, journey, journey, load, List.of(),
        Optional.of(JourneyParts.of(feed(new RunSequence()), parts)));
  }

  private static JourneyParts.Part part(String name, UploadEndpoint endpoint, double perJourney, ChainBuilder chain) {
    return new JourneyParts.Part(new RequestPart(name, endpoint.method() + " " + endpoint.path(), "upload",
        perJourney), chain);
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

  private HttpRequestActionBuilder malformed(List<Integer> statuses) {
    // A part that never ends: the closing boundary is missing.
    return http("upload: malformed multipart").httpRequest(single.method(), single.path())
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .body(StringBody("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + single.fieldOrType()
            + "\"; filename=\"cut.bin\"\r\n\r\nno closing boundary"))
        .check(status().in(statuses.toArray(Integer[]::new)));
  }

  private HttpRequestActionBuilder missingPart(List<Integer> statuses) {
    return http("upload: missing file part").httpRequest(single.method(), single.path())
        .bodyPart(StringBodyPart("comment", "no file here")).asMultipartForm()
        .check(status().in(statuses.toArray(Integer[]::new)));
  }

  private ChainBuilder abortedMultipart(String name, RawClients rawClients, RawSocketClient raw) {
    byte[] partHead = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + single.fieldOrType()
        + "\"; filename=\"aborted.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    long abortSize = settings.abortSize();
    long contentLength = partHead.length + abortSize + ("\r\n--" + BOUNDARY + "--\r\n").length();
    byte[] sent = new byte[partHead.length + (int) (abortSize / 2)];
    System.arraycopy(partHead, 0, sent, 0, partHead.length);
    return exec(rawClients.request(name, session -> () -> raw.abortBody(
        single.method(), SessionText.fill(single.path(), session), "multipart/form-data; boundary=" + BOUNDARY,
        contentLength, sent)));
  }

  private ChainBuilder abortedStream(String name, RawClients rawClients, RawSocketClient raw,
      UploadEndpoint endpoint) {
    long abortSize = settings.abortSize();
    byte[] sent = new byte[(int) (abortSize / 2)];
    return exec(rawClients.request(name, session -> () ->
        raw.abortBody(endpoint.method(), SessionText.fill(endpoint.path(), session), endpoint.fieldOrType(),
            abortSize, sent)));
  }
}
