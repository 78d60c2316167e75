package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.target.GoToolchain;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.RequiresGo;
import io.ginpreflight.testkit.TestServiceBuild;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Go 1.27 made the goroutineleak profile standard and refuses {@code GOEXPERIMENT=goroutineleakprofile}
 * ("go: unknown GOEXPERIMENT"). With go1.27.3 first on PATH, as on a machine whose Go is 1.27, the suite
 * builds gin-lab, reads the profile and passes, and a planted blocked goroutine is proved leaked. The
 * toolchain comes through the Go module proxy (GOTOOLCHAIN=go1.27.3, about 76 MB; .ci/run fetches it first).
 */
@RequiresGo("to fetch go1.27.3 through the module proxy and build gin-lab with it")
class Go127IT {

  private static final String VERSION = "go1.27.3";
  private static final String SMOKE = "io.ginpreflight.simulations.SmokeSimulation";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
  private static Map<String, String> go127;

  /** PATH with go1.27.3's bin first, and its GOROOT: the environment of a machine whose Go is 1.27. */
  @BeforeAll
  static void fetchGo127() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(GoToolchain.find().orElseThrow().toString(), "env", "GOROOT")
        .redirectErrorStream(true);
    builder.environment().put("GOTOOLCHAIN", VERSION);
    Process goEnv = builder.start();
    String out = new String(goEnv.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    boolean fetched = goEnv.waitFor(5, TimeUnit.MINUTES) && goEnv.exitValue() == 0;
    String reason = "needs " + VERSION + ", which GOTOOLCHAIN=" + VERSION + " could not fetch through the Go module "
        + "proxy (" + out + "): run `GOTOOLCHAIN=" + VERSION + " go version` once with the proxy reachable";
    if (!fetched) {
      System.out.println("[skipped] Go127IT: " + reason);
    }
    Assumptions.assumeTrue(fetched, reason);
    Path root = Path.of(out.lines().reduce((first, last) -> last).orElseThrow());
    assertTrue(Files.isExecutable(root.resolve("bin/go")), "no go in " + root);
    go127 = Map.of("PATH", root.resolve("bin") + java.io.File.pathSeparator + System.getenv("PATH"),
        "GOROOT", root.toString(), "GOTOOLCHAIN", "local");
  }

  @Test
  void aTestServiceBuildsOnGo127EvenWithGo126sExperimentLeftInTheEnvironment() throws Exception {
    // GIVEN a shell that still exports Go 1.26's GOEXPERIMENT, which Go 1.27 refuses
    Path go = Path.of(go127.get("GOROOT"), "bin", "go");
    Path binary = TestServiceBuild.build("intake", "./cmd/intake",
        GatlingProcess.projectDir().resolve("target/it-go127/intake"), go,
        Map.of("GOROOT", go127.get("GOROOT"), "GOTOOLCHAIN", "local", "GOEXPERIMENT", "goroutineleakprofile"));

    // THEN it builds, with Go 1.27 and no experiment: the profile is standard there
    Process version = new ProcessBuilder(go.toString(), "version", "-m", binary.toString()).redirectErrorStream(true)
        .start();
    String info = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(version.waitFor(1, TimeUnit.MINUTES) && version.exitValue() == 0, info);
    assertTrue(info.startsWith(binary + ": " + VERSION + "\n"), info);
    assertTrue(!info.contains("GOEXPERIMENT"), info);
  }

  @Test
  void theSuiteBuildsGinLabWithGo127ReadsTheGoroutineleakProfileAndPasses() throws Exception {
    GatlingProcess run = GatlingProcess.run(SMOKE, Map.of(), go127, RUN_TIMEOUT, (process, log) -> {});

    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("build: " + VERSION + ", module github.com/gin-preflight/gin-lab"), run.output);
    assertTrue(run.output.contains("pprof: yes, goroutineleak: yes"), run.output);
    assertTrue(run.output.contains("OK memory: leaked goroutines [smoke]: goroutines proved leaked +0 in phase "
        + "\"smoke\""), run.output);
  }

  @Test
  void onGo127ThePlantedBlockedGoroutinesAreProvedLeaked() throws Exception {
    GatlingProcess run = GatlingProcess.run(SMOKE, Map.of("lab.leaks", "blocked-goroutine"), go127, RUN_TIMEOUT,
        (process, log) -> {});

    assertNotEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("build: " + VERSION + ", module github.com/gin-preflight/gin-lab"), run.output);
    assertTrue(run.output.matches("(?s).*KO memory: leaked goroutines \\[smoke\\]: goroutines proved leaked "
        + "\\+[1-9][0-9]* in phase \"smoke\".*main\\.leakyNotifyDeliver.*"), run.output);
  }
}
