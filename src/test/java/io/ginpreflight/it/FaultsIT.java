package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.config.LabSettings;
import io.ginpreflight.target.EmbeddedLab;
import io.ginpreflight.target.LoopbackPorts;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.RequiresGo;
import io.ginpreflight.testkit.SignalProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The faults of real runs, each against the real gin-lab: a target that is not there, signals that are
 * missing, malformed or behind a token, and a target that dies mid-phase. Each must end in a sentence a
 * person can act on, never in a pass, and never lose the reports.
 */
@RequiresGo("to build gin-lab")
class FaultsIT {

  private static final String SMOKE = "io.ginpreflight.simulations.SmokeSimulation";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  /** gin-lab's own configuration, for the labs these tests start themselves and target by URL. */
  private static final String LAB_CONF = GatlingProcess.projectDir().resolve("src/test/resources/gin-lab.conf").toString();

  @Test
  void unreachableTargetFailsWithinTenSecondsWithOneSentence() throws Exception {
    int closedPort = LoopbackPorts.free();
    GatlingProcess run = GatlingProcess.run(SMOKE,
        Map.of("preflight.config", LAB_CONF, "preflight.target.url", "http://127.0.0.1:" + closedPort), RUN_TIMEOUT);

    assertNotEquals(0, run.exitCode, run.output);
    assertTrue(run.took.compareTo(Duration.ofSeconds(10)) < 0, "took " + run.took + ":\n" + run.output);
    assertTrue(run.output.contains("Gin Preflight cannot start: Nothing answers at http://127.0.0.1:" + closedPort),
        run.output);
    assertFalse(run.output.contains("\tat "), "a stack trace buries the sentence:\n" + run.output);
  }

  @Test
  void withoutMetricsPprofAloneJudgesEveryCheckAndTheLineSaysMetricsAreOptional() throws Exception {
    try (EmbeddedLab lab = startLab("none")) {
      String base = lab.target().baseUrl();
      GatlingProcess run = GatlingProcess.run(SMOKE, Map.of("preflight.config", LAB_CONF, "preflight.target.url", base,
          "preflight.metrics.url", base + "/no-metrics-here",
          "preflight.pprof.url", lab.target().pprofUrl().orElseThrow()), RUN_TIMEOUT);

      assertEquals(0, run.exitCode, run.output);
      assertTrue(run.output.contains("metrics: no (" + base + "/no-metrics-here answered HTTP 404 — pprof "
          + "gives the heap and goroutines at every probe; /metrics would add the continuous charts between probes: "
          + "r.GET(\"/metrics\", gin.WrapH(promhttp.Handler()))), pprof: yes, goroutineleak: yes"), run.output);
      // goroutines from pprof's goroutine profile, the heap from its MemStats: judged, not inconclusive
      assertTrue(run.output.matches("(?s).*OK memory: goroutine growth \\[smoke\\]: goroutines [+-][0-9]+ in phase "
          + "\"smoke\"; before [0-9]+, after [0-9]+; limit 20.*"), run.output);
      assertTrue(run.output.matches("(?s).*OK memory: heap growth \\[smoke\\]: heap [+-][0-9.]+ [KM]?i?B in phase "
          + "\"smoke\"; post-GC HeapAlloc before .*"), run.output);
      assertFalse(run.output.contains("INCONCLUSIVE"), run.output);
    }
  }

  @Test
  void neitherMetricsNorPprofStopsTheRunSayingWhatToServe() throws Exception {
    try (EmbeddedLab lab = startLab("none")) {
      String base = lab.target().baseUrl();
      GatlingProcess run = GatlingProcess.run(SMOKE, Map.of("preflight.config", LAB_CONF, "preflight.target.url", base,
          "preflight.metrics.url", base + "/no-metrics-here", "preflight.pprof.url", base + "/no-pprof-here"),
          RUN_TIMEOUT);

      assertNotEquals(0, run.exitCode, run.output);
      assertTrue(run.output.contains("Gin Preflight cannot start: The target's memory cannot be read: neither pprof ("
          + base + "/no-pprof-here/cmdline answered HTTP 404 — serve net/http/pprof on a loopback port: import _ "
          + "\"net/http/pprof\" and go http.ListenAndServe(\"127.0.0.1:6060\", nil) (without it the heap is estimated "
          + "from metrics)) nor metrics (" + base + "/no-metrics-here answered HTTP 404 — add to the Gin app: "
          + "r.GET(\"/metrics\", gin.WrapH(promhttp.Handler()))) answered, so no memory check could be judged."),
          run.output);
    }
  }

  @Test
  void ginLabsSimulationsRefuseAnotherTargetBeforeSendingAnything() throws Exception {
    // GIVEN a target URL without gin-lab's configuration: it is someone's own service, not gin-lab
    int closedPort = LoopbackPorts.free();
    GatlingProcess run = GatlingProcess.run(SMOKE, Map.of("preflight.target.url", "http://127.0.0.1:" + closedPort),
        RUN_TIMEOUT);

    assertNotEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("Gin Preflight cannot start: SmokeSimulation sends its requests to gin-lab's own "
        + "paths (/api/items, /api/notify), and the target is not gin-lab"), run.output);
  }

  @Test
  void withoutPprofTheHeapIsEstimatedAndTheMessageSaysSo() throws Exception {
    GatlingProcess run = GatlingProcess.run(SMOKE, Map.of("lab.pprof", "false"), RUN_TIMEOUT);

    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("pprof: no ("), run.output);
    assertTrue(run.output.matches("(?s).*OK memory: heap growth \\[smoke\\]: heap [-+][^\n]*; post-GC estimate from "
        + "go_memstats_next_gc_bytes / \\(1 \\+ GOGC/100\\) before .*"), run.output);
  }

  @Test
  void malformedMetricsMakeTheChecksInconclusiveNamingTheLine() throws Exception {
    try (EmbeddedLab lab = startLab("none");
        SignalProxy proxy = SignalProxy.start(lab.target().baseUrl(), Optional.empty(), 3,
            text -> text.replaceFirst("(?m)^go_goroutines \\d+$", "go_goroutines many"))) {
      GatlingProcess run = GatlingProcess.run(SMOKE, Map.of("preflight.config", LAB_CONF,
          "preflight.target.url", lab.target().baseUrl(), "preflight.metrics.url", proxy.url() + "/metrics",
          "preflight.pprof.url", lab.target().pprofUrl().orElseThrow()), RUN_TIMEOUT);

      assertNotEquals(0, run.exitCode, run.output);
      Matcher inconclusive = Pattern.compile("INCONCLUSIVE memory: goroutine growth \\[smoke\\]: goroutines could "
          + "not be measured (before|after) phase \"smoke\": metrics line \\d+ has no numeric value: "
          + "go_goroutines many; an unmeasured signal is not a pass").matcher(run.output);
      assertTrue(inconclusive.find(), run.output);
      assertTrue(run.output.contains("Gatling simulation assertions failed")
          || run.output.contains("count of failed events is 0.0 : false"), run.output);
    }
  }

  @Test
  void metricsBehindABearerTokenWorkAndTheTokenIsNowhere() throws Exception {
    String token = "preflight-secret-" + System.nanoTime();
    try (EmbeddedLab lab = startLab("none");
        SignalProxy proxy = SignalProxy.start(lab.target().baseUrl(), Optional.of(token), Integer.MAX_VALUE,
            text -> text)) {
      GatlingProcess run = GatlingProcess.run(SMOKE, Map.of("preflight.config", LAB_CONF,
          "preflight.target.url", lab.target().baseUrl(), "preflight.metrics.url", proxy.url() + "/metrics",
          "preflight.auth.value-env", "PREFLIGHT_IT_TOKEN"),
          Map.of("PREFLIGHT_IT_TOKEN", "Bearer " + token), RUN_TIMEOUT, (p, log) -> {});

      assertEquals(0, run.exitCode, run.output);
      assertTrue(run.output.contains("metrics: yes"), run.output);
      // A remote target shows no temp directory: that check is not run, and the run says so.
      assertTrue(run.output.contains("check temp file growth not run: "), run.output);
      assertFalse(run.output.contains(token), "the token is in the console output");
      List<Path> leaking = filesContaining(run.resultsDir, token);
      leaking.addAll(filesContaining(run.preflightFolder().orElseThrow(), token));
      assertEquals(List.of(), leaking, "files that contain the token");
    }
  }

  @Test
  void aTargetKilledMidPhaseFailsNamingTheDeathAndKeepsReportsAndSamples() throws Exception {
    GatlingProcess run = GatlingProcess.run(SMOKE, Map.of(), Map.of(), RUN_TIMEOUT, FaultsIT::killLabDuring);

    assertNotEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("the target died before probe 3 (after \"smoke\"): gin-lab"), run.output);
    assertTrue(run.output.contains("was killed by signal 9 (SIGKILL)"), run.output);
    assertTrue(run.output.contains("INCONCLUSIVE memory: heap growth [smoke]: heap (post-GC HeapAlloc) could not be "
        + "measured after phase \"smoke\": the target died: gin-lab (pid "), run.output);
    Path gatlingFolder = run.runFolder().orElseThrow();
    for (String file : List.of("memory.json", "memory.html", "memory-junit.xml", "samples.jsonl")) {
      assertTrue(Files.isRegularFile(gatlingFolder.resolve(file)), file + " missing in " + gatlingFolder);
    }
    String memoryJson = Files.readString(gatlingFolder.resolve("memory.json"));
    assertTrue(memoryJson.contains("\"verdict\" : \"FAIL\"") || memoryJson.contains("\"verdict\":\"FAIL\""),
        memoryJson);
    List<String> samples = Files.readAllLines(gatlingFolder.resolve("samples.jsonl"));
    long smokeSamples = samples.stream().filter(line -> line.contains("\"phase\":\"smoke\"")).count();
    assertTrue(smokeSamples >= 2, "samples taken during the phase before the kill: " + smokeSamples);
  }

  /** Waits until the judged phase has run a few seconds, then kills the lab with SIGKILL. */
  private static void killLabDuring(Process gatling, Path console) {
    Thread killer = new Thread(() -> {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline && gatling.isAlive()) {
        Optional<ProcessHandle> lab = ProcessHandle.allProcesses()
            .filter(p -> p.parent().map(parent -> parent.pid() == gatling.pid()).orElse(false))
            .filter(p -> p.info().command().map(c -> c.endsWith("/gin-lab")).orElse(false))
            .findFirst();
        if (lab.isPresent() && read(console).contains("memory probe after \"warm-up\", before \"smoke\"")) {
          sleep(3000);
          lab.get().destroyForcibly();
          return;
        }
        sleep(200);
      }
    }, "lab-killer");
    killer.setDaemon(true);
    killer.start();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static EmbeddedLab startLab(String leaks) throws IOException {
    Path runDir = Files.createTempDirectory(GatlingProcess.projectDir().resolve("target"), "it-lab-");
    return EmbeddedLab.start(new LabSettings(GatlingProcess.projectDir().resolve("gin-lab"), leaks, true,
        Duration.ofMinutes(2)), runDir);
  }

  private static List<Path> filesContaining(Path dir, String secret) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return new java.util.ArrayList<>(files.filter(Files::isRegularFile)
          .filter(f -> read(f).contains(secret)).toList());
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
