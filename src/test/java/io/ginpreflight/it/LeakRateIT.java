package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Status;
import io.ginpreflight.report.MemoryJson;
import io.ginpreflight.report.MemoryReport;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.RequiresGo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The leak rate across rounds tells a leak from warm-up: a cache that fills during the first round and
 * then stays flat passes, and a leak of 1 KiB per request fails on its rate although its growth per phase
 * stays under the per-phase limit; the fitted rate and its interval are the planted bytes plus the map's
 * own share.
 */
@RequiresGo("to build gin-lab")
class LeakRateIT {

  private static final String ROUNDS = "io.ginpreflight.simulations.RoundsSimulation";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
  private static final String PER_REQUEST = "memory: retained bytes per request [api]";

  @Test
  void aCacheThatWarmsUpAndPlateausPasses() throws Exception {
    GatlingProcess run = GatlingProcess.run(ROUNDS, Map.of(), RUN_TIMEOUT);

    assertEquals(0, run.exitCode, run.output);
    CheckResult rate = rate(run, PER_REQUEST);
    assertEquals(Status.OK, rate.status(), rate.message());
    assertTrue(rate.interval().low() < rate.figures().value() && rate.figures().value() < rate.interval().high(),
        rate.message());
    assertTrue(run.output.contains("OK memory: goroutines per 1000 requests [api]"), run.output);
  }

  @Test
  void aLeakOfOneKibPerRequestFailsOnItsRate() throws Exception {
    // Its planned four rounds only (no extra round): what the flat check misses within them, the rate catches.
    GatlingProcess run = GatlingProcess.run(ROUNDS, Map.of("lab.leaks", "global-map",
        "lab.args.0", "-audit-record-bytes", "lab.args.1", "1024", "preflight.rounds.max", "4"), RUN_TIMEOUT);

    assertNotEquals(0, run.exitCode, run.output);
    CheckResult rate = rate(run, PER_REQUEST);
    assertEquals(Status.KO, rate.status(), rate.message());
    // 1 KiB planted per request; pprof is not involved (post-GC HeapAlloc), so the fit is close to it.
    assertTrue(rate.figures().value() > 800 && rate.figures().value() < 1600, rate.message());
    assertTrue(rate.interval().low() > rate.figures().limit(), rate.message());
    assertTrue(run.output.contains("KO memory: retained bytes per request [api]: heap retained "), run.output);
    assertTrue(run.output.contains("OK memory: heap growth [api]"), "the flat check alone would pass it");
    // At the bound, a growth small enough to be a cache still filling says what would tell.
    assertTrue(rate.message().contains("still growing in its 4 rounds"), rate.message());
  }

  private static CheckResult rate(GatlingProcess run, String check) throws Exception {
    Path folder = run.runFolder().orElseThrow(() -> new AssertionError("no run folder:\n" + run.output));
    MemoryReport report = MemoryJson.read(folder.resolve("memory.json"));
    return report.checks().stream().filter(r -> r.recordName().equals(check))
        .findFirst().orElseThrow(() -> new AssertionError("no " + check + " in memory.json:\n" + run.output));
  }
}
