package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.RequiresGo;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The leak trend tells a leak from warm-up: a cache that fills during the first round and then stays
 * flat passes, and a leak of 1 KiB per request fails on the trend although its growth per phase stays
 * under the per-phase limit.
 */
@RequiresGo("to build gin-lab")
class LeakTrendIT {

  private static final String ROUNDS = "io.ginpreflight.simulations.RoundsSimulation";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
  private static final Pattern BYTES_PER_REQUEST =
      Pattern.compile("(OK|KO) memory: retained bytes per request \\[api\\]: retained heap grew (-?[0-9.]+) B per request");

  @Test
  void aCacheThatWarmsUpAndPlateausPasses() throws Exception {
    GatlingProcess run = GatlingProcess.run(ROUNDS, Map.of(), RUN_TIMEOUT);

    assertEquals(0, run.exitCode, run.output);
    Matcher trend = BYTES_PER_REQUEST.matcher(run.output);
    assertTrue(trend.find(), run.output);
    assertEquals("OK", trend.group(1), run.output);
    assertTrue(run.output.contains("OK memory: goroutines per 1000 requests [api]"), run.output);
  }

  @Test
  void aLeakOfOneKibPerRequestFailsOnTheTrend() throws Exception {
    GatlingProcess run = GatlingProcess.run(ROUNDS, Map.of("lab.leaks", "global-map",
        "lab.args.0", "-audit-record-bytes", "lab.args.1", "1024"), RUN_TIMEOUT);

    assertNotEquals(0, run.exitCode, run.output);
    Matcher trend = BYTES_PER_REQUEST.matcher(run.output);
    assertTrue(trend.find(), run.output);
    assertEquals("KO", trend.group(1), run.output);
    double rate = Double.parseDouble(trend.group(2));
    // 1 KiB planted per request; pprof is not involved (post-GC HeapAlloc), so the fit is close to it.
    assertTrue(rate > 800 && rate < 1600, "fitted " + rate + " B per request for a 1024 B leak");
  }
}
