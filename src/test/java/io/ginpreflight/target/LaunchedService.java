package io.ginpreflight.target;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local service started by the suite: its own TMPDIR, its output in a log file, ready once its health
 * URL answers. It is stopped, with everything it started, on {@link #close()} and by a JVM shutdown hook
 * (Ctrl-C). Only a JVM killed with SIGKILL runs no hook; see {@link EmbeddedLab} for a service that can
 * also stop itself then.
 */
public final class LaunchedService implements LocalProcess, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LaunchedService.class);
  /** Lines of the service's log quoted when it fails or dies. */
  static final int TAIL_LINES = 20;
  /** When the service itself dies under a launcher such as go run, the launcher exits right after. */
  private static final Duration LAUNCHER_EXIT_WAIT = Duration.ofSeconds(2);
  private static final Duration HEALTH_POLL = Duration.ofMillis(100);
  private static final Duration REAP_WAIT = Duration.ofSeconds(2);

  private final LaunchSpec spec;
  private final Process process;
  private final OutputStream stdin;
  private final Thread shutdownHook;
  private volatile ProcessHandle service;
  private volatile boolean stopped;

  private LaunchedService(LaunchSpec spec, Process process) {
    this.spec = spec;
    this.process = process;
    this.stdin = process.getOutputStream();
    this.service = process.toHandle();
    this.shutdownHook = new Thread(this::stop, "preflight-service-stopper");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts the service and waits until it is healthy, within the spec's start timeout. */
  public static LaunchedService start(LaunchSpec spec) {
    return start(spec, System.nanoTime() + spec.startTimeout().toNanos());
  }

  /** As {@link #start(LaunchSpec)}, with a deadline shared with earlier steps such as a build. */
  public static LaunchedService start(LaunchSpec spec, long deadlineNanos) {
    Process process;
    try {
      Files.createDirectories(spec.tempDir());
      Files.createDirectories(spec.log().toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(spec.command())
          .redirectErrorStream(true)
          .redirectOutput(spec.log().toFile());
      spec.workdir().ifPresent(dir -> builder.directory(dir.toFile()));
      builder.environment().putAll(spec.env());
      builder.environment().put("TMPDIR", spec.tempDir().toString());
      process = builder.start();
    } catch (IOException e) {
      throw new TargetStartFailure(spec.name() + " could not be started (" + String.join(" ", spec.command())
          + "): " + e.getMessage());
    }
    LaunchedService launched = new LaunchedService(spec, process);
    launched.awaitHealthy(deadlineNanos);
    launched.service = ProcessTree.service(process.toHandle());
    LOG.info("started {} (pid {}); log {}, TMPDIR {}", spec.name(), launched.pid(), spec.log(), spec.tempDir());
    return launched;
  }

  private void awaitHealthy(long deadlineNanos) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(spec.healthUrl())).timeout(Duration.ofSeconds(2)).build();
    String lastAnswer = "no answer yet";
    while (System.nanoTime() < deadlineNanos) {
      if (!process.isAlive()) {
        stopAfterFailure();
        throw new TargetStartFailure(spec.name() + " " + ExitStatus.describe(process.exitValue())
            + " before it answered " + spec.healthUrl() + "; " + logTail());
      }
      try {
        int status = client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return;
        }
        lastAnswer = "last answer: HTTP " + status;
      } catch (IOException e) {
        // Not listening yet: try again shortly.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(HEALTH_POLL);
    }
    stopAfterFailure();
    throw new TargetStartFailure(spec.name() + " did not answer " + spec.healthUrl() + " with 2xx within "
        + spec.startTimeoutKey() + " (" + spec.startTimeout().toSeconds() + " s; " + lastAnswer + "); "
        + logTail());
  }

  private void stopAfterFailure() {
    close();
  }

  private String logTail() {
    return "the last lines of its log " + spec.log() + ":\n" + LogTail.of(spec.log(), TAIL_LINES);
  }

  @Override
  public long pid() {
    return service.pid();
  }

  /** The process the suite started; differs from {@link #pid()} under a launcher such as go run. */
  public long launcherPid() {
    return process.pid();
  }

  @Override
  public Optional<Path> tempDir() {
    return Optional.of(spec.tempDir());
  }

  public Path log() {
    return spec.log();
  }

  @Override
  public boolean isAlive() {
    return ProcessTree.isRunning(service);
  }

  @Override
  public Optional<String> death() {
    if (isAlive()) {
      return Optional.empty();
    }
    String who = spec.name() + " (pid " + pid() + ")";
    if (stopped) {
      return Optional.of(who + " was stopped by the suite");
    }
    try {
      process.waitFor(LAUNCHER_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String how;
    if (process.isAlive()) {
      how = "is gone, but the process that started it (pid " + process.pid() + ") still runs";
    } else if (service.pid() == process.pid()) {
      how = ExitStatus.describe(process.exitValue());
    } else {
      how = "is gone; the process that started it (pid " + process.pid() + ", " + spec.command().get(0) + ") "
          + ExitStatus.describe(process.exitValue());
    }
    return Optional.of(who + " " + how + "; " + logTail());
  }

  /** SIGTERM to the whole tree, SIGKILL after the grace period. Idempotent. */
  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      stdin.close();
    } catch (IOException ignored) {
      // A service that exits on stdin EOF (gin-lab) takes this as a second way to stop.
    }
    List<ProcessHandle> survivors = ProcessTree.stop(process.toHandle(), service, spec.stopGrace());
    try {
      // A dead child stays a zombie until Java's reaper collects it; after close, none of ours remains.
      process.waitFor(REAP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!survivors.isEmpty()) {
      LOG.warn("{} left processes that survived SIGKILL: {}", spec.name(),
          survivors.stream().map(ProcessHandle::pid).toList());
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

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
