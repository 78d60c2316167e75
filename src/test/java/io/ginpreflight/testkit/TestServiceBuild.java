package io.ginpreflight.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.target.GoExperiments;
import io.ginpreflight.target.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds a test service under src/test/resources/testdata as gin-lab is built: with the goroutineleak
 * profile where the toolchain has it, so every service's runs take the path where the runtime proves leaks.
 */
public final class TestServiceBuild {

  private TestServiceBuild() {}

  /**
   * Builds {@code pkg} (e.g. {@code ./cmd/sessionsvc}) of {@code testdata/<service>} into {@code binary}.
   *
   * @return the binary
   */
  public static Path build(String service, String pkg, Path binary) throws IOException, InterruptedException {
    return build(service, pkg, binary, GoToolchain.require(), Map.of());
  }

  /**
   * As {@link #build(String, String, Path)}, with the toolchain {@code go} and {@code environment} added to
   * this JVM's: how a machine whose Go is another release would build it.
   */
  public static Path build(String service, String pkg, Path binary, Path go, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path source = GatlingProcess.projectDir().resolve("src/test/resources/testdata").resolve(service);
    Files.createDirectories(binary.getParent());
    ProcessBuilder builder = new ProcessBuilder(go.toString(), "build", "-o", binary.toString(), pkg)
        .directory(source.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    GoExperiments.addGoroutineLeakProfile(builder.environment(), go);
    Process build = builder.start();
    String output = new String(build.getInputStream().readAllBytes());
    assertTrue(build.waitFor(3, TimeUnit.MINUTES) && build.exitValue() == 0, "go build " + service + ": " + output);
    return binary;
  }
}
