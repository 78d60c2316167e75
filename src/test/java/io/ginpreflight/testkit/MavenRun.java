package io.ginpreflight.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code mvn gatling:test} in the project directory exactly as a user would, bounded in time, and
 * keeps its console output for assertions.
 */
public final class MavenRun {

  private static final Pattern REPORT = Pattern.compile("please open the following file: file://(\\S+index\\.html)");

  public final int exitCode;
  public final String output;

  private MavenRun(int exitCode, String output) {
    this.exitCode = exitCode;
    this.output = output;
  }

  public static Path projectDir() {
    return Path.of(System.getProperty("preflight.project-dir", System.getProperty("user.dir")));
  }

  public static MavenRun gatlingTest(Duration timeout, String... properties) throws IOException, InterruptedException {
    String mavenHome = System.getProperty("maven.home");
    List<String> command = new ArrayList<>();
    command.add(mavenHome != null ? Path.of(mavenHome, "bin", "mvn").toString() : "mvn");
    command.add("-B");
    command.add("gatling:test");
    command.addAll(List.of(properties));
    Path log = Files.createTempFile("gatling-run", ".log");
    Process process = new ProcessBuilder(command)
        .directory(projectDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("mvn gatling:test did not finish within " + timeout.toSeconds() + " s; output:\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new MavenRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** The Gatling HTML report the run printed, if it printed one. */
  public Optional<Path> gatlingReport() {
    Matcher matcher = REPORT.matcher(output);
    return matcher.find() ? Optional.of(Path.of(matcher.group(1))) : Optional.empty();
  }

  /**
   * gin-lab processes still running that were started from this project's target folder (another checkout's
   * runs on the same machine are theirs).
   */
  public static List<String> labProcesses() {
    String ours = projectDir().toAbsolutePath().resolve("target").toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.startsWith(ours) && c.endsWith("gin-lab-bin/gin-lab"))
            .orElse(false))
        .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
        .toList();
  }
}
