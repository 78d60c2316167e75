package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.model.Attribution;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The endpoint model on a service not written for it: testdata/ordersvc (two SSE feeds with different
 * event names, a push-only WebSocket and a protocol WebSocket, a long poll, a swaggo swagger.json),
 * driven by its own config alone. The fixed build runs every family with no failed request, its binding
 * requests generated from the document; the leaky build fails on the goroutines its long connections
 * strand, each planted function named.
 */
@RequiresGo("to build testdata/ordersvc")
class OrdersSvcIT {

  private static final String ALL_FAMILIES = "io.ginpreflight.simulations.PreflightSimulation";
  private static final String LONG_CONNECTIONS = "io.ginpreflight.simulations.LongConnectionSimulation";
  private static final String BINDING = "io.ginpreflight.simulations.BindingSimulation";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);
  private static final Path ORDERSVC = GatlingProcess.projectDir().resolve("src/test/resources/testdata/ordersvc");
  private static Path binary;

  @BeforeAll
  static void buildOrdersvc() throws Exception {
    binary = TestServiceBuild.build("ordersvc", "./cmd/ordersvc",
        GatlingProcess.projectDir().resolve("target/it-ordersvc/ordersvc"));
  }

  private static Map<String, String> settings(String flags) {
    int port = LoopbackPorts.free();
    int pprof = LoopbackPorts.free();
    return Map.of(
        "preflight.config", ORDERSVC.resolve("preflight-ordersvc.conf").toString(),
        "preflight.target.url", "http://127.0.0.1:" + port,
        "preflight.pprof.url", "http://127.0.0.1:" + pprof + "/debug/pprof",
        "preflight.target.command", binary + " -addr 127.0.0.1:" + port + " -pprof-addr 127.0.0.1:" + pprof
            + " -exit-on-stdin-eof -orders-kept 200" + flags);
  }

  @Test
  void theFixedBuildRunsEveryEndpointByConfigAloneWithNoFailedRequest() throws Exception {
    GatlingProcess run = GatlingProcess.run(ALL_FAMILIES, settings(""), RUN_TIMEOUT);

    assertEquals(0, run.exitCode, run.output);
    // Every request OK: Gatling's global KO column is "-" when nothing failed.
    assertTrue(run.output.matches("(?s).*> request count +\\| +[0-9,]+ \\| +[0-9,]+ \\| +- *\n.*"), run.output);
    // the binding family came from the swaggo document, printed and written to the run folder
    assertTrue(run.output.contains("openapi: " + ORDERSVC.resolve("docs/swagger.json") + " gave 13 binding requests"),
        run.output);
    Path generated = run.preflightFolder().orElseThrow().resolve("openapi-requests.conf");
    assertEquals(13, ConfigFactory.parseFile(generated.toFile())
        .getConfigList("preflight.families.binding.requests").size(), Files.readString(generated));
    // each kind of endpoint was driven: both feeds by their event names, both sockets, the poll, the hold
    for (String request : List.of("order feed: event 5", "heartbeat: event 1", "prices: pushed message",
        "prices (client speaks)", "checkout: reply matches", "prices (vanish)", "changes: time out and retry",
        "prices: held: connect", "heartbeat: hold open", "openapi: PUT /api/v2/orders/{id}/status (malformed body)")) {
      // the assertions Gatling prints at the end list every request name it recorded (its console is light)
      assertTrue(run.output.contains("\n" + request), request + " is not among the requests:\n" + run.output);
    }
  }

  @Test
  void theLeakyBuildFailsOnTheGoroutinesItsLongConnectionsStrandAndNamesEachFunction() throws Exception {
    // GIVEN the three planted leaks: an SSE producer that outlives a dropped stream, a price ticker that
    // outlives its socket, and a long-poll relay that outlives its timed-out poll
    // Which request keeps it is the attribution tests' below: here the sites lead, as they did before it.
    Map<String, String> leaky = new java.util.HashMap<>(settings(" -leaks all"));
    leaky.put("preflight.attribution.max-time", "off");
    GatlingProcess run = GatlingProcess.run(LONG_CONNECTIONS, leaky, RUN_TIMEOUT);

    assertNotEquals(0, run.exitCode, run.output);
    assertTrue(run.output.matches("(?s).*KO memory: goroutine growth \\[long connections\\]: goroutines \\+[0-9]+ in "
        + "phase \"long connections\"; top growth: \\+[0-9]+ goroutines [^\n]* at "
        + "example\\.com/ordersvc/internal/[^\n]*, created by example\\.com/ordersvc/internal/[^\n]*; before [0-9]+, "
        + "after [0-9]+; limit 20.*"), run.output);
    MemoryReport report = MemoryJson.read(run.runFolder().orElseThrow().resolve("memory.json"));
    CheckResult goroutines = report.check(CheckKind.GOROUTINE_GROWTH, "long connections")
        .orElseThrow(() -> new AssertionError(run.output));
    assertEquals(Status.KO, goroutines.status(), goroutines.message());
    List<String> sites = goroutines.detail().sites().stream().map(SiteGrowth::function).toList();
    for (String planted : List.of("example.com/ordersvc/internal/feeds.leakyProduce",
        "example.com/ordersvc/internal/sockets.leakyTick", "example.com/ordersvc/internal/poll.(*Hub).leakyWait.func1")) {
      assertTrue(sites.contains(planted), planted + " not among the top sites " + sites);
    }
  }

  /**
   * Which request keeps it, on ordersvc's own leaks: status-audit in one binding request of 13 (the valid
   * PUT .../status, generated from the swagger.json), the order feed's producer for a client that drops it (one
   * long-connection client of 10), and request-journal, a middleware on every route. Three planned rounds fail each
   * at its bound (preflight.rounds.max = 3), when the attribution runs; the hold phase is left out.
   */
  private static Map<String, String> attributed(String flags) {
    Map<String, String> settings = new java.util.HashMap<>(settings(flags));
    settings.put("preflight.rounds.max", "3");
    settings.put("preflight.families.long-connections.hold.clients", "0");
    return settings;
  }

  @Test
  void anAuditRecordKeptPerStatusChangeIsNamedAtThatRequest() throws Exception {
    GatlingProcess run = GatlingProcess.run(BINDING, attributed(" -leaks status-audit -status-audit-bytes 4096"),
        RUN_TIMEOUT);

    List<String> problems = new AttributionExpectation("binding", CheckKind.RETAINED_BYTES_PER_REQUEST,
        Attribution.Outcome.LOCATED, List.of("openapi: PUT /api/v2/orders/{id}/status"), Pattern.compile("^heap "
            + "retained [0-9.]+ B per request in phase \"binding\"; [0-9.]+ KiB per \"openapi: PUT "
            + "/api/v2/orders/\\{id\\}/status\" request \\(PUT /api/v2/orders/#\\{seq\\}/status\\); the other 12 requests of "
            + "binding at most [0-9.]+ (B|KiB) each")).problems(run);
    assertTrue(problems.isEmpty(), AttributionExpectation.said(problems, run));
  }

  @Test
  void aProducerLeftPerDroppedOrderFeedIsNamedAtThatClient() throws Exception {
    GatlingProcess run = GatlingProcess.run(LONG_CONNECTIONS, attributed(" -leaks feed-producer"), RUN_TIMEOUT);

    List<String> problems = new AttributionExpectation("long connections", CheckKind.GOROUTINES_PER_1000_REQUESTS,
        Attribution.Outcome.LOCATED, List.of("order feed: read 1 then drop"), Pattern.compile("^goroutines grew "
            + "[0-9.]+ per 1,000 requests in phase \"long connections\"; 1\\.0 goroutine per \"order feed: read 1 then "
            + "drop\" SSE stream \\(GET /api/v2/feeds/orders\\); the other 9 exchanges"))
        .problems(run);
    assertTrue(problems.isEmpty(), AttributionExpectation.said(problems, run));
  }

  @Test
  void aJournalLineKeptByAMiddlewareIsSaidOfEveryRequest() throws Exception {
    GatlingProcess run = GatlingProcess.run(BINDING, attributed(" -leaks request-journal -journal-bytes 1024"),
        RUN_TIMEOUT);

    List<String> problems = new AttributionExpectation("binding", CheckKind.RETAINED_BYTES_PER_REQUEST,
        Attribution.Outcome.EVERY_REQUEST, List.of(), Pattern.compile("^heap retained [0-9.]+ (B|KiB) per request in phase "
            + "\"binding\"; every request of binding retains about [0-9.]+ (B|KiB) \\([0-9] groups alone: [^)]+ per "
            + "request\\): something every request passes through keeps it")).problems(run);
    assertTrue(problems.isEmpty(), AttributionExpectation.said(problems, run));
  }
}
