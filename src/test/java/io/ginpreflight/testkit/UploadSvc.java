package io.ginpreflight.testkit;

import io.ginpreflight.target.GoExperiments;
import io.ginpreflight.target.GoToolchain;
import io.ginpreflight.target.LaunchSpec;
import io.ginpreflight.target.LocalProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test support: testdata/uploadsvc, a small Go service that is not gin-lab, built once per JVM into
 * target/, and the few calls tests make on it and on the process table.
 */
public final class UploadSvc {

  public static final Path MODULE = Path.of("src/test/resources/testdata/uploadsvc").toAbsolutePath();
  private static final Path BINARY = Path.of("target/testdata-bin/uploadsvc").toAbsolutePath();
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(3);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static boolean built;

  private UploadSvc() {}

  /** The built binary; the first call of each JVM builds it (Go's cache makes a rebuild cheap). */
  public static synchronized Path binary() {
    if (!built) {
      Process build = run(MODULE, List.of(GoToolchain.require().toString(), "build", "-o", BINARY.toString(), "."));
      if (build.exitValue() != 0) {
        throw new IllegalStateException("go build of uploadsvc failed: " + output(build));
      }
      built = true;
    }
    return BINARY;
  }

  /** A spec for the built binary on {@code port}, its files under {@code runDir}. */
  public static LaunchSpec spec(Path runDir, int port, String... flags) {
    List<String> command = new ArrayList<>(List.of(binary().toString(), "-addr", "127.0.0.1:" + port));
    command.addAll(List.of(flags));
    return LaunchSpec.of("the service", command)
        .files(runDir.resolve("service-tmp"), runDir.resolve("service.log"))
        .health(baseUrl(port) + "/healthz", Duration.ofSeconds(60), "preflight.target.start-timeout")
        .stopGrace(Duration.ofSeconds(5));
  }

  public static String baseUrl(int port) {
    return "http://127.0.0.1:" + port;
  }

  /** POSTs {@code body} to /upload and returns the status code. */
  public static int upload(int port, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl(port) + "/upload"))
        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  public static int get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** PIDs whose full command line contains {@code pattern}, as {@code pgrep -f} lists them. */
  public static List<Long> pgrep(String pattern) {
    Process pgrep = run(Path.of("."), List.of("pgrep", "-f", "--", pattern));
    String output = output(pgrep);
    if (pgrep.exitValue() > 1) {
      throw new IllegalStateException("pgrep -f -- " + pattern + " failed: " + output);
    }
    return output.lines().filter(line -> !line.isBlank()).map(Long::parseLong).sorted().toList();
  }

  /** Sends SIGKILL the way an operator or the OOM killer would, from outside the JVM. */
  public static void kill9(long pid) {
    run(Path.of("."), List.of("kill", "-9", Long.toString(pid)));
  }

  /** Waits, bounded, until {@code process} is not alive; returns whether it ended. */
  public static boolean awaitDeath(LocalProcess process, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return !process.isAlive();
  }

  private static Process run(Path dir, List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      builder.environment().put("GOTOOLCHAIN", "local");
      GoExperiments.addGoroutineLeakProfile(builder.environment(), GoToolchain.require());
      Process process = builder.start();
      if (!process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in " + BUILD_TIMEOUT);
      }
      return process;
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " could not run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String output(Process process) {
    try {
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}
