package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    GatlingProcess run = GatlingProcess.run(LONG_CONNECTIONS, settings(" -leaks all"), RUN_TIMEOUT);

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
}
