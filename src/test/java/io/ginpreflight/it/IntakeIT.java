package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.Status;
import io.ginpreflight.report.MemoryJson;
import io.ginpreflight.report.MemoryReport;
import io.ginpreflight.target.LoopbackPorts;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.RequiresGo;
import io.ginpreflight.testkit.TestServiceBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Go team's own service in three settings: testdata/intake (net/http/pprof on its own loopback listener,
 * no client_golang, a swag swagger.json with two event streams and a multipart upload) run with only
 * preflight.target.url and command, preflight.pprof.url and preflight.openapi. The healthy build passes
 * with every check judged and sends nothing to gin-lab's paths; the planted leak fails on goroutines the
 * runtime proves; the gin-contrib/pprof variant is told the one route that adds the goroutineleak profile.
 */
@RequiresGo("to build testdata/intake")
class IntakeIT {

  private static final String SIMULATIONS = "io.ginpreflight.simulations.";
  private static final java.time.Duration RUN_TIMEOUT = java.time.Duration.ofMinutes(4);
  private static final Path INTAKE = GatlingProcess.projectDir().resolve("src/test/resources/testdata/intake");
  /** The checks every judged phase gets when every signal is read (RSS growth is off by default). */
  private static final Set<String> FLAT_CHECKS = Set.of(CheckKind.HEAP_GROWTH.checkName(),
      CheckKind.GOROUTINE_GROWTH.checkName(), CheckKind.LEAKED_GOROUTINES.checkName(), CheckKind.FD_GROWTH.checkName(),
      CheckKind.TEMP_FILE_GROWTH.checkName());
  private static Path binary;

  @BeforeAll
  static void buildIntake() throws Exception {
    binary = TestServiceBuild.build("intake", "./cmd/intake", GatlingProcess.projectDir().resolve("target/it-intake/intake"));
  }

  /** The three settings: where the service is (started by the suite), its pprof, its swagger.json. */
  private static Map<String, String> threeSettings(String flags) {
    int port = LoopbackPorts.free();
    int pprof = LoopbackPorts.free();
    return Map.of(
        "preflight.target.url", "http://127.0.0.1:" + port,
        "preflight.target.command", binary + " -addr 127.0.0.1:" + port + " -pprof-addr 127.0.0.1:" + pprof + flags,
        "preflight.pprof.url", "http://127.0.0.1:" + pprof + "/debug/pprof",
        "preflight.openapi", INTAKE.resolve("docs/swagger.json").toString());
  }

  @Test
  void threeSettingsPassTheHealthyServiceWithEveryCheckJudgedAndNothingSentToAGinLabPath() throws Exception {
    GatlingProcess run = GatlingProcess.run(SIMULATIONS + "PreflightSimulation", threeSettings(""), RUN_TIMEOUT);

    assertEquals(0, run.exitCode, run.output);
    // no request failed: Gatling's global KO column is "-"
    assertTrue(run.output.matches("(?s).*> request count +\\| +[0-9,]+ \\| +[0-9,]+ \\| +- *\n.*"), run.output);
    assertTrue(run.output.contains("metrics: no (") && run.output.contains("pprof: yes, goroutineleak: yes"), run.output);
    assertFalse(run.output.contains(" not run: "), "a check was not run:\n" + run.output);
    // every judged phase got every flat check, each judged OK from pprof and /proc
    MemoryReport report = MemoryJson.read(run.runFolder().orElseThrow().resolve("memory.json"));
    Set<String> phases = report.checks(CheckKind.Rule.GROWTH).stream().map(CheckResult::scope)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("uploads", "binding", "long connections", "long connections held"), phases);
    for (String phase : phases) {
      Set<String> checks = report.checks().stream().filter(c -> c.scope().equals(phase) && c.status() == Status.OK)
          .map(c -> c.kind().checkName()).collect(Collectors.toSet());
      assertTrue(checks.containsAll(FLAT_CHECKS), phase + " judged only " + checks);
    }
    // the document's event streams were read by the SSE family and its multipart operation sent by uploads
    for (String request : List.of("openapi: GET /v1/events: event 1", "openapi: GET /v1/exports/stream: event 1",
        "openapi: GET /v1/events: hold open", "upload: single 1 MiB", "upload: missing file part",
        "upload: single 33 MiB (spills to disk)", "openapi: PUT /v1/documents/{id}/tags (malformed body)")) {
      assertTrue(run.output.contains("\n" + request + ": percentage of failed events"), request + " was not sent:\n"
          + run.output);
    }
    assertNoGinLabPath(run.preflightFolder().orElseThrow().resolve("service.log"));
  }

  /** The service logs every request it receives; none may be one of gin-lab's endpoints. */
  private static void assertNoGinLabPath(Path serviceLog) throws Exception {
    List<Pattern> ginLab = ginLabPaths();
    ObjectMapper json = new ObjectMapper();
    List<String> received = new ArrayList<>();
    for (String line : Files.readAllLines(serviceLog)) {
      if (line.startsWith("{") && line.contains("\"msg\":\"request\"")) {
        received.add(json.readTree(line).path("path").asText());
      }
    }
    assertTrue(received.size() > 1000, "only " + received.size() + " requests in " + serviceLog);
    Set<String> sentToGinLab = received.stream().filter(path -> ginLab.stream().anyMatch(p -> p.matcher(path).matches()))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), sentToGinLab, "requests to gin-lab's paths");
    // and all of it went to the service's own API (or asked for signals it may not offer: /metrics, /debug/vars)
    Set<String> elsewhere = received.stream().filter(path -> !path.startsWith("/v1/") && !path.equals("/healthz")
        && !path.equals("/metrics") && !path.equals("/debug/vars")).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), elsewhere, "requests to paths the service does not have");
  }

  /** Every endpoint path gin-lab.conf gives the families, as a pattern: a #{...} stands for any segment text. */
  private static List<Pattern> ginLabPaths() {
    String conf = ConfigFactory.parseFile(GatlingProcess.projectDir().resolve("src/test/resources/gin-lab.conf")
        .toFile()).root().render();
    List<Pattern> paths = new ArrayList<>();
    Matcher path = Pattern.compile("\"?(?:path|sse-path)\"?\\s*[:=]\\s*\"(/[^\"?]*)").matcher(conf);
    while (path.find()) {
      paths.add(Pattern.compile(Pattern.quote(path.group(1)).replaceAll("#\\{[^}]*}", "\\\\E[^/]*\\\\Q")));
    }
    assertTrue(paths.size() > 20, "gin-lab.conf's paths were not found: " + paths);
    return paths;
  }

  @Test
  void thePlantedLeakFailsOnGoroutinesTheRuntimeProvesAndNamesTheRelay() throws Exception {
    // GIVEN -leaks feed-subscribers: every client that leaves the live feed strands its relay goroutine
    // The sites are the subject here; which request keeps it (half a minute more) is tested on sessionsvc,
    // ordersvc and gin-lab.
    Map<String, String> leaky = new java.util.HashMap<>(threeSettings(" -leaks feed-subscribers"));
    leaky.put("preflight.attribution.max-time", "off");
    GatlingProcess run = GatlingProcess.run(SIMULATIONS + "LongConnectionSimulation", leaky, RUN_TIMEOUT);

    assertNotEquals(0, run.exitCode, run.output);
    MemoryReport report = MemoryJson.read(run.runFolder().orElseThrow().resolve("memory.json"));
    for (String check : List.of(CheckKind.LEAKED_GOROUTINES.checkName(), CheckKind.GOROUTINE_GROWTH.checkName())) {
      CheckResult record = report.checks().stream()
          .filter(c -> c.kind().checkName().equals(check) && c.scope().equals("long connections")).findFirst()
          .orElseThrow(() -> new AssertionError(check + " not recorded:\n" + run.output));
      assertEquals(Status.KO, record.status(), record.message());
      List<String> sites = record.detail().sites().stream().map(SiteGrowth::function).toList();
      assertTrue(sites.contains("example.org/intake/internal/httpapi.leakyRelay.func1"), check + " top sites " + sites);
    }
  }

  @Test
  void theSetupCheckReadsEverySignalOnceAndSendsEachEndpointOnce() throws Exception {
    GatlingProcess run = GatlingProcess.run(SIMULATIONS + "SetupCheckSimulation", threeSettings(""), RUN_TIMEOUT);

    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("setup check: every check can run and every endpoint answered as expected"),
        run.output);
    for (String line : List.of("ok       goroutineleak profile", "ok       family \"uploads\": its journey got every "
        + "answer it expects", "ok       family \"long-connections\"", "optional /metrics (the continuous charts): ",
        "skipped  family \"api\": preflight.families.api.requests is not set")) {
      assertTrue(run.output.contains(line), line + "\n" + run.output);
    }
    // no memory verdict: one journey proves nothing about a leak
    assertFalse(run.output.contains("OK memory:") || run.output.contains("KO memory:"), run.output);
  }

  @Test
  void ginContribPprofIsToldTheOneRouteThatAddsTheGoroutineleakProfile() throws Exception {
    // GIVEN pprof served through gin-contrib/pprof, whose fixed route list lacks goroutineleak
    GatlingProcess run = GatlingProcess.run(SIMULATIONS + "SetupCheckSimulation",
        threeSettings(" -pprof-mux gin-contrib"), RUN_TIMEOUT);

    assertEquals(0, run.exitCode, run.output);
    Matcher line = Pattern.compile("MISSING  goroutineleak profile \\(leaked goroutines, proved\\): \\S+ answered "
        + "HTTP 404 — the service's Go \\((go1\\.\\S+)\\) has the profile, but /debug/pprof/goroutineleak is not routed: "
        + "gin-contrib/pprof registers a fixed list without it; add r\\.GET\\(\"/debug/pprof/goroutineleak\", "
        + "gin\\.WrapH\\(pprof\\.Handler\\(\"goroutineleak\"\\)\\)\\) with net/http/pprof").matcher(run.output);
    assertTrue(line.find(), run.output);
    assertTrue(run.output.contains("build: " + line.group(1) + ", module example.org/intake"), run.output);
  }
}
