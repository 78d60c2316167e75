package io.ginpreflight.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Runs one simulation in a JVM of its own, as the Gatling Maven plugin does but without Maven's start-up,
 * with the test classpath Maven wrote to target/test-classpath.txt. Bounded in time; keeps the output.
 */
public final class GatlingProcess {

  public final int exitCode;
  public final String output;
  public final Duration took;
  public final Path resultsDir;

  private GatlingProcess(int exitCode, String output, Duration took, Path resultsDir) {
    this.exitCode = exitCode;
    this.output = output;
    this.took = took;
    this.resultsDir = resultsDir;
  }

  public static Path projectDir() {
    return MavenRun.projectDir();
  }

  public static GatlingProcess run(String simulation, Map<String, String> properties, Duration timeout)
      throws IOException, InterruptedException {
    return run(simulation, properties, Map.of(), timeout, (process, log) -> {});
  }

  /**
   * @param whileRunning called with the process and its console log once it started, e.g. to kill the
   *     target mid-phase
   */
  public static GatlingProcess run(String simulation, Map<String, String> properties, Map<String, String> environment,
      Duration timeout, BiConsumer<Process, Path> whileRunning) throws IOException, InterruptedException {
    Path project = projectDir();
    Path classpathFile = project.resolve("target/test-classpath.txt");
    if (!Files.isRegularFile(classpathFile)) {
      throw new IllegalStateException(classpathFile + " is missing: run these tests with mvn verify");
    }
    String classpath = project.resolve("target/test-classes") + java.io.File.pathSeparator
        + Files.readString(classpathFile).trim();
    Path results = Files.createTempDirectory(project.resolve("target"), "it-gatling-");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        // The JVM options the Gatling Maven plugin passes, without which Gatling's log writer cannot start.
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
        "-cp", classpath));
    command.add("-Dpreflight.project-dir=" + project);
    command.add("-Dpreflight.reports.gatling-results=" + results);
    command.add("-Dpreflight.reports.dir=" + results.resolve("published"));
    // After the defaults, so a test can publish several runs to one reports folder (the last -D wins).
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of("io.gatling.app.Gatling", "-s", simulation, "-rf", results.toString()));
    Path log = results.resolve("console.log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    Process process = builder.start();
    whileRunning.accept(process, log);
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(simulation + " did not finish within " + timeout.toSeconds() + " s; output:\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new GatlingProcess(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - start), results);
  }

  /** The run folder Gatling created under this run's results directory. */
  public Optional<Path> runFolder() throws IOException {
    try (var folders = Files.list(resultsDir)) {
      return folders.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("simulation.log"))).findFirst();
    }
  }

  /** The preflight run folder (lab log, samples, profiles) this run printed. */
  public Optional<Path> preflightFolder() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("run folder (\\S+)").matcher(output);
    return m.find() ? Optional.of(Path.of(m.group(1).replaceAll("[;,]$", ""))) : Optional.empty();
  }
}
