package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.target.GoExperiments;
import io.ginpreflight.target.GoToolchain;
import io.ginpreflight.target.LoopbackPorts;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.RequiresGo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service that is not gin-lab, started by the suite through preflight.target.command: uploadsvc, whose
 * POST /upload keeps its temp files with -keep-temp-files. Only the temp directory shows that leak.
 */
@RequiresGo("to build testdata/uploadsvc")
class TargetCommandIT {

  private static final String API = "io.ginpreflight.simulations.ApiSimulation";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  private static Path binary;

  @BeforeAll
  static void buildUploadsvc() throws Exception {
    Path source = GatlingProcess.projectDir().resolve("src/test/resources/testdata/uploadsvc");
    binary = GatlingProcess.projectDir().resolve("target/it-uploadsvc/uploadsvc");
    Files.createDirectories(binary.getParent());
    ProcessBuilder builder = new ProcessBuilder("go", "build", "-o", binary.toString(), ".").directory(source.toFile())
        .redirectErrorStream(true);
    // Built as gin-lab is, with the goroutineleak profile where the toolchain has it.
    GoExperiments.addGoroutineLeakProfile(builder.environment(), GoToolchain.require());
    Process build = builder.start();
    String output = new String(build.getInputStream().readAllBytes());
    assertTrue(build.waitFor(3, TimeUnit.MINUTES) && build.exitValue() == 0, "go build uploadsvc: " + output);
  }

  private static Map<String, String> settings(int port, String flags) {
    return Map.of(
        "preflight.config", GatlingProcess.projectDir()
            .resolve("src/test/resources/testdata/uploadsvc/preflight-uploadsvc.conf").toString(),
        "preflight.target.url", "http://127.0.0.1:" + port,
        "preflight.target.command", binary + " -addr 127.0.0.1:" + port + flags);
  }

  @Test
  void uploadsThatKeepTheirTempFilesFailOnTheTempFileCheck() throws Exception {
    GatlingProcess run = GatlingProcess.run(API, settings(LoopbackPorts.free(), " -keep-temp-files"), RUN_TIMEOUT);

    assertNotEquals(0, run.exitCode, run.output);
    assertTrue(run.output.matches("(?s).*KO memory: temp file growth \\[api\\]: temp files \\+\\d+ in phase "
        + "\"api\"; top growth: \\+\\d+ files uploadsvc-\\* of [^\n]*; before \\d+, after \\d+; limit 5.*"), run.output);
    // Nothing else shows it: the heap, goroutines and descriptors stay within their limits.
    assertTrue(run.output.contains("OK memory: goroutine growth [api]"), run.output);
    assertTrue(run.output.contains("OK memory: open fd growth [api]"), run.output);
    assertEquals(List.of(), uploadsvcProcesses());
  }

  @Test
  void theFixedHandlerPasses() throws Exception {
    GatlingProcess run = GatlingProcess.run(API, settings(LoopbackPorts.free(), ""), RUN_TIMEOUT);

    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("OK memory: temp file growth [api]: temp files +0 in phase"), run.output);
    assertTrue(run.output.contains("service started by the suite"), run.output);
    assertEquals(List.of(), uploadsvcProcesses());
  }

  @Test
  void aServiceKilledMidPhaseFailsTheRunNamingItsDeath() throws Exception {
    GatlingProcess run = GatlingProcess.run(API, settings(LoopbackPorts.free(), ""), Map.of(), RUN_TIMEOUT,
        (gatling, console) -> killDuringPhase(gatling, console));

    assertNotEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("the target died before probe 3 (after \"api\"): the service (pid "), run.output);
    assertTrue(run.output.contains("was killed by signal 9 (SIGKILL)"), run.output);
    assertEquals(List.of(), uploadsvcProcesses());
  }

  private static void killDuringPhase(Process gatling, Path console) {
    Thread killer = new Thread(() -> {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline && gatling.isAlive()) {
        if (read(console).contains("before \"api\": heap")) {
          sleep(2000);
          uploadsvc().forEach(ProcessHandle::destroyForcibly);
          return;
        }
        sleep(200);
      }
    }, "uploadsvc-killer");
    killer.setDaemon(true);
    killer.start();
  }

  private static List<ProcessHandle> uploadsvc() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("it-uploadsvc/uploadsvc")).orElse(false)).toList();
  }

  private static List<String> uploadsvcProcesses() {
    return uploadsvc().stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
