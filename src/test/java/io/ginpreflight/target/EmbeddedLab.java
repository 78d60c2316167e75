package io.ginpreflight.target;

import io.ginpreflight.config.LabSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gin-lab, built with {@code go build} and started on free loopback ports with a private TMPDIR. It is
 * stopped on {@link #close()}, by a JVM shutdown hook, and, should the JVM die without either, by itself:
 * it is started with {@code -exit-on-stdin-eof} and this JVM holds the other end of its stdin.
 */
public final class EmbeddedLab implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLab.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Process process;
  private final OutputStream stdin;
  private final Path log;
  private final Path tempDir;
  private final Target target;
  private final Thread shutdownHook;

  private EmbeddedLab(Process process, Path log, Path tempDir, Target target) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.log = log;
    this.tempDir = tempDir;
    this.target = target;
    this.shutdownHook = new Thread(this::stop, "preflight-lab-stopper");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Builds and starts the lab; its log, binary and temp directory live under {@code runDir}. */
  public static EmbeddedLab start(LabSettings settings, Path runDir) {
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    Path binary = build(settings, runDir.getParent().resolve("gin-lab-bin"), deadline);
    int port = LoopbackPorts.free();
    int pprofPort = LoopbackPorts.free();
    Path tempDir = runDir.resolve("lab-tmp");
    Path log = runDir.resolve("gin-lab.log");
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "-addr", "127.0.0.1:" + port,
        "-pprof-addr", settings.pprof() ? "127.0.0.1:" + pprofPort : "",
        "-leaks", settings.leaks(),
        "-exit-on-stdin-eof"));
    Process process;
    try {
      Files.createDirectories(tempDir);
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("TMPDIR", tempDir.toString());
      builder.environment().put("GIN_MODE", "release");
      process = builder.start();
    } catch (IOException e) {
      throw new TargetStartFailure("gin-lab could not be started (" + binary + "): " + e.getMessage());
    }
    String base = "http://127.0.0.1:" + port;
    Target target = new Target(base, base + "/metrics",
        settings.pprof() ? Optional.of("http://127.0.0.1:" + pprofPort + "/debug/pprof") : Optional.empty(),
        "embedded gin-lab (leaks: " + settings.leaks() + ", pid " + process.pid() + ")");
    EmbeddedLab lab = new EmbeddedLab(process, log, tempDir, target);
    lab.awaitHealthy(deadline, settings);
    LOG.info("started {} at {}; log {}", target.description(), base, log);
    return lab;
  }

  private static Path build(LabSettings settings, Path binDir, long deadline) {
    Path go = GoToolchain.require();
    if (!Files.isRegularFile(settings.moduleDir().resolve("go.mod"))) {
      throw new TargetStartFailure("gin-lab's Go module is not at " + settings.moduleDir()
          + ": run from the project directory, or set lab.dir.");
    }
    Path binary = binDir.resolve("gin-lab");
    Path buildLog = binDir.resolve("go-build.log");
    try {
      Files.createDirectories(binDir);
      ProcessBuilder builder = new ProcessBuilder(go.toString(), "build", "-o", binary.toString(), ".")
          .directory(settings.moduleDir().toFile())
          .redirectErrorStream(true)
          .redirectOutput(buildLog.toFile());
      // The module proxy is the only way out of CI machines; never try to fetch another toolchain.
      builder.environment().putIfAbsent("GOTOOLCHAIN", "local");
      Process build = builder.start();
      long remaining = deadline - System.nanoTime();
      if (!build.waitFor(Math.max(remaining, 0), TimeUnit.NANOSECONDS)) {
        build.destroyForcibly();
        throw new TargetStartFailure("go build of gin-lab did not finish within lab.start-timeout ("
            + settings.startTimeout().toSeconds() + " s); its output:\n" + LogTail.of(buildLog, 20));
      }
      if (build.exitValue() != 0) {
        throw new TargetStartFailure("go build of gin-lab failed (exit " + build.exitValue() + "):\n"
            + LogTail.of(buildLog, 20));
      }
    } catch (IOException e) {
      throw new TargetStartFailure("go build of gin-lab could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetStartFailure("go build of gin-lab was interrupted");
    }
    return binary;
  }

  private void awaitHealthy(long deadline, LabSettings settings) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/healthz"))
        .timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        stop();
        throw new TargetStartFailure("gin-lab exited with code " + process.exitValue()
            + " before it became healthy; its output:\n" + LogTail.of(log, 20));
      }
      try {
        if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet: try again shortly.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleepQuietly(100);
    }
    stop();
    throw new TargetStartFailure("gin-lab did not answer " + target.baseUrl() + "/healthz within "
        + "lab.start-timeout (" + settings.startTimeout().toSeconds() + " s); its output:\n" + LogTail.of(log, 20));
  }

  public Target target() {
    return target;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  public Path tempDir() {
    return tempDir;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM (gin-lab shuts down gracefully), then SIGKILL after a grace period. Idempotent. */
  private synchronized void stop() {
    if (!process.isAlive()) {
      return;
    }
    try {
      stdin.close();
    } catch (IOException ignored) {
      // The lab exits on stdin EOF too; closing it is a second, independent way to stop it.
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("gin-lab did not stop within {} s of SIGTERM; killing it", STOP_GRACE.toSeconds());
        process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run; the process is stopped either way.
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
