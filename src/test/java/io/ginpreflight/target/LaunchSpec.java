package io.ginpreflight.target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to start one local service and how to know it is ready. Immutable: every method returns a new
 * spec.
 *
 * <pre>{@code
 * LaunchSpec.of("the service", List.of("./api", "-addr", "127.0.0.1:8080"))
 *     .files(runDir.resolve("service-tmp"), runDir.resolve("service.log"))
 *     .health("http://127.0.0.1:8080/healthz", Duration.ofSeconds(60), "preflight.target.start-timeout")
 * }</pre>
 */
public final class LaunchSpec {

  /** Long enough for a graceful HTTP shutdown to drain in-flight requests; short enough for CI. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final List<String> command;
  private final Optional<Path> workdir;
  private final Map<String, String> env;
  private final Path tempDir;
  private final Path log;
  private final String healthUrl;
  private final Duration startTimeout;
  private final String startTimeoutKey;
  private final Duration stopGrace;

  private LaunchSpec(String name, List<String> command, Optional<Path> workdir, Map<String, String> env,
      Path tempDir, Path log, String healthUrl, Duration startTimeout, String startTimeoutKey,
      Duration stopGrace) {
    this.name = name;
    this.command = command;
    this.workdir = workdir;
    this.env = env;
    this.tempDir = tempDir;
    this.log = log;
    this.healthUrl = healthUrl;
    this.startTimeout = startTimeout;
    this.startTimeoutKey = startTimeoutKey;
    this.stopGrace = stopGrace;
  }

  /** {@code name} is how messages call the service: "gin-lab", "the service". */
  public static LaunchSpec of(String name, List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("A command needs at least the program to run.");
    }
    return new LaunchSpec(name, List.copyOf(command), Optional.empty(), Map.of(), null, null, null, null,
        null, DEFAULT_STOP_GRACE);
  }

  /** The working directory; unset, the JVM's. */
  public LaunchSpec workdir(Path dir) {
    return new LaunchSpec(name, command, Optional.of(dir), env, tempDir, log, healthUrl, startTimeout,
        startTimeoutKey, stopGrace);
  }

  /** Variables added to the JVM's environment; TMPDIR is always the private temp directory. */
  public LaunchSpec env(Map<String, String> variables) {
    return new LaunchSpec(name, command, workdir, Map.copyOf(variables), tempDir, log, healthUrl, startTimeout,
        startTimeoutKey, stopGrace);
  }

  /** The private TMPDIR (created, and counted by the watch) and the file stdout and stderr go to. */
  public LaunchSpec files(Path privateTempDir, Path logFile) {
    return new LaunchSpec(name, command, workdir, env, privateTempDir, logFile, healthUrl, startTimeout,
        startTimeoutKey, stopGrace);
  }

  /** Ready means {@code url} answers 2xx within {@code timeout}; {@code timeoutKey} names the setting. */
  public LaunchSpec health(String url, Duration timeout, String timeoutKey) {
    return new LaunchSpec(name, command, workdir, env, tempDir, log, url, timeout, timeoutKey, stopGrace);
  }

  /** Between SIGTERM and SIGKILL. */
  public LaunchSpec stopGrace(Duration grace) {
    return new LaunchSpec(name, command, workdir, env, tempDir, log, healthUrl, startTimeout, startTimeoutKey,
        grace);
  }

  public String name() {
    return name;
  }

  public List<String> command() {
    return command;
  }

  public Optional<Path> workdir() {
    return workdir;
  }

  public Map<String, String> env() {
    return env;
  }

  public Path tempDir() {
    return require(tempDir, "files(tempDir, log)");
  }

  public Path log() {
    return require(log, "files(tempDir, log)");
  }

  public String healthUrl() {
    return require(healthUrl, "health(url, timeout, key)");
  }

  public Duration startTimeout() {
    return require(startTimeout, "health(url, timeout, key)");
  }

  public String startTimeoutKey() {
    return require(startTimeoutKey, "health(url, timeout, key)");
  }

  public Duration stopGrace() {
    return stopGrace;
  }

  private <T> T require(T value, String call) {
    if (value == null) {
      throw new IllegalStateException("The launch of " + name + " is incomplete: call " + call + ".");
    }
    return value;
  }
}
