package io.ginpreflight.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Debian's prometheus-pushgateway, started on a free loopback port for one test and stopped after it. */
public final class LocalPushgateway implements AutoCloseable {

  public static final List<Path> BINARIES = List.of(Path.of("/usr/bin/prometheus-pushgateway"), Path.of("/usr/bin/pushgateway"));
  private static final Duration READY_WITHIN = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final String authorization;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalPushgateway(Process process, int port, String authorization) {
    this.process = process;
    this.port = port;
    this.authorization = authorization;
  }

  public static Path binary() {
    Path found = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(found != null, "No Pushgateway binary at " + BINARIES
        + ": install Debian's prometheus-pushgateway (apt-get install -y prometheus-pushgateway)");
    return found;
  }

  /** Starts without auth, or with basic auth for one user when {@code bcryptHash} is given. */
  public static LocalPushgateway start(Path scratch, String user, String bcryptHash, String password) throws Exception {
    Path binary = binary();
    int port = freePort();
    List<String> command = new java.util.ArrayList<>(List.of(binary.toString(),
        "--web.listen-address=127.0.0.1:" + port, "--persistence.file=" + scratch.resolve("pushgateway.data"),
        "--log.level=warn"));
    String authorization = null;
    if (user != null) {
      Path webConfig = Files.writeString(scratch.resolve("web-config.yml"),
          "basic_auth_users:\n  " + user + ": " + bcryptHash + "\n");
      command.add("--web.config.file=" + webConfig);
      authorization = "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(scratch.resolve("pushgateway.log").toFile()).start();
    LocalPushgateway gateway = new LocalPushgateway(process, port, authorization);
    gateway.awaitReady(scratch);
    return gateway;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** GET /metrics parsed into series ("name{labels}") and values. */
  public Map<String, Double> metrics() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/metrics");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /metrics answered " + response.statusCode());
    }
    Map<String, Double> series = new HashMap<>();
    for (String line : response.body().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return series;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitReady(Path scratch) throws Exception {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("pushgateway exited with " + process.exitValue() + ": "
            + Files.readString(scratch.resolve("pushgateway.log")));
      }
      try {
        if (get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    close();
    throw new IllegalStateException("pushgateway not ready within " + READY_WITHIN.toSeconds() + " s");
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
