package io.ginpreflight.target;

import io.ginpreflight.config.LabSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  private final LaunchedService service;
  private final Target target;

  private EmbeddedLab(LaunchedService service, Target target) {
    this.service = service;
    this.target = target;
  }

  /** Builds and starts the lab at Go's heap sampling (or its own -mem-profile-rate); its files live under {@code runDir}. */
  public static EmbeddedLab start(LabSettings settings, Path runDir) {
    return start(settings, runDir, new HeapSampling(HeapSampling.Origin.OFF, java.util.OptionalLong.empty()));
  }

  /**
   * Builds and starts the lab; its log, binary and temp directory live under {@code runDir}, and its heap is
   * sampled as {@code sampling} says (its -mem-profile-rate in lab.args wins).
   */
  public static EmbeddedLab start(LabSettings settings, Path runDir, HeapSampling sampling) {
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    Path binary = build(settings, runDir.getParent().resolve("gin-lab-bin"), deadline);
    int port = LoopbackPorts.free();
    int pprofPort = LoopbackPorts.free();
    String base = "http://127.0.0.1:" + port;
    List<String> command = new java.util.ArrayList<>(List.of(binary.toString(),
        "-addr", "127.0.0.1:" + port,
        "-pprof-addr", settings.pprof() ? "127.0.0.1:" + pprofPort : "",
        "-leaks", settings.leaks(),
        "-exit-on-stdin-eof"));
    command.addAll(settings.args());
    LaunchSpec spec = LaunchSpec.of("gin-lab", command)
        .env(sampling.environment(Map.of("GIN_MODE", "release"), System.getenv()))
        .files(runDir.resolve("lab-tmp"), runDir.resolve("gin-lab.log"))
        .health(base + "/healthz", settings.startTimeout(), "lab.start-timeout")
        .stopGrace(STOP_GRACE);
    LaunchedService service = LaunchedService.start(spec, deadline);
    Target target = new Target(base, base + "/metrics",
        settings.pprof() ? Optional.of("http://127.0.0.1:" + pprofPort + "/debug/pprof") : Optional.empty(),
        "embedded gin-lab (leaks: " + settings.leaks() + ", pid " + service.pid() + ")", Optional.of(service));
    LOG.info("started {} at {}; log {}", target.description(), base, service.log());
    return new EmbeddedLab(service, target);
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
      GoExperiments.addGoroutineLeakProfile(builder.environment(), go);
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

  public Target target() {
    return target;
  }

  public long pid() {
    return service.pid();
  }

  public Path log() {
    return service.log();
  }

  public Path tempDir() {
    return service.tempDir().orElseThrow();
  }

  public boolean isAlive() {
    return service.isAlive();
  }

  /** SIGTERM (gin-lab shuts down gracefully; it also exits on stdin EOF), then SIGKILL. Idempotent. */
  @Override
  public void close() {
    service.close();
  }
}
