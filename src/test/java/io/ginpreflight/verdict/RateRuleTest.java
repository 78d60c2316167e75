package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.TrendKind;
import io.ginpreflight.model.TrendResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of a leak rate and its interval, and the sentences it is said in. */
class RateRuleTest {

  private static final String DURING = "during phase \"binding\"";

  /** Heap values at probes every {@code step} requests. */
  private static List<RatePoint> points(long step, long... values) {
    List<RatePoint> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(new RatePoint(i + 1, i * step, Measurement.of(values[i])));
    }
    return points;
  }

  @Test
  void aSmallSteadyLeakFailsWhenItsWholeIntervalIsAboveTheLimit() {
    // GIVEN 100 B retained per request, 5,000 requests between probes, 8 KiB of noise
    TrendResult result = RateRule.evaluate(TrendKind.RETAINED_BYTES_PER_REQUEST, "binding", DURING,
        points(5_000, 10_000_000, 10_500_000, 11_000_000, 11_500_000), 8192, 32, "");
    // THEN KO, the interval from the noise: 1.96 * 8192 / sqrt(5 * 5000^2) = 1.4 B
    assertEquals(Status.KO, result.status());
    assertEquals(100.0, result.rate(), 1e-9);
    assertEquals(98.6, result.low(), 0.05);
    assertEquals("heap retained 100 B per request during phase \"binding\" (95 % interval 99 to 101 B, "
        + "4 probes over 15,000 requests); limit 32 B per request; steady in every step (100 B per request "
        + "first, 100 B per request last): no plateau in this run", result.message());
  }

  @Test
  void noiseAloneNeverFails() {
    // GIVEN a flat heap that moves by a few KiB either way
    TrendResult result = RateRule.evaluate(TrendKind.RETAINED_BYTES_PER_REQUEST, "binding", DURING,
        points(2_000, 10_000_000, 10_006_000, 9_998_000, 10_004_000), 8192, 32, "");
    assertEquals(Status.OK, result.status());
    assertTrue(result.low() < 0 && result.high() > 0, result.message());
  }

  @Test
  void aCacheThatFilledAndStoppedIsAPlateau() {
    // GIVEN 2 MiB of growth in the first step, then nothing
    TrendResult result = RateRule.evaluate(TrendKind.RETAINED_BYTES_PER_REQUEST, "binding", DURING,
        points(5_000, 10_000_000, 12_097_152, 12_097_500, 12_098_000), 8192, 32, "");
    assertEquals(Status.OK, result.status());
    assertTrue(result.message().endsWith("; a plateau, not a leak: it grew 419 B per request at first and "
        + "0.1 B per request in the last step, under the limit (a cache, pool or map that filled and stopped)"),
        result.message());
  }

  @Test
  void aGrowthThatSlowsButHasNotStoppedSaysOneRunCannotTell() {
    TrendResult result = RateRule.evaluate(TrendKind.RETAINED_BYTES_PER_REQUEST, "binding", DURING,
        points(5_000, 10_000_000, 12_000_000, 13_000_000, 13_500_000), 8192, 32, "");
    assertEquals(Status.KO, result.status());
    assertTrue(result.message().contains("; the last step alone is above the limit: 100 B per request (95 % "
        + "interval 95 to 105 B); growth slowed"), result.message());
    assertTrue(result.message().endsWith("growth slowed from 400 B per request to 100 B per request but had not "
        + "stopped: a cache still filling looks like this until it is full, and one run cannot tell it from a "
        + "leak; more rounds (-Dpreflight.profile=nightly, SoakSimulation) decide"), result.message());
  }

  @Test
  void twoProbesAreJudgedFromTheMeasuredNoise() {
    // GIVEN one round: its two probes, 10,000 requests apart, 2 MiB grown
    TrendResult result = RateRule.evaluate(TrendKind.RETAINED_BYTES_PER_REQUEST, "api", "during phase \"api\"",
        points(10_000, 5_000_000, 7_097_152), 8192, 32, "");
    // THEN the interval is 1.96 * 8192 * sqrt(2) / 10,000 = 2.3 B wide either side
    assertEquals(Status.KO, result.status());
    assertEquals(2.27, result.high() - result.rate(), 0.01);
  }

  @Test
  void anIntervalWiderThanTheLimitSaysSoAndLeavesTheVerdictToTheFlatCheck() {
    // GIVEN only 100 requests between two probes, so 8 KiB of noise is 227 B per request
    TrendResult result = RateRule.evaluate(TrendKind.RETAINED_BYTES_PER_REQUEST, "api", "during phase \"api\"",
        points(100, 5_000_000, 5_002_000), 8192, 32, "");
    assertEquals(Status.OK, result.status());
    assertTrue(result.message().endsWith("; too little data to judge per request: the interval is wider than "
        + "the limit, so only the flat per-phase checks judged this phase; more requests or rounds would narrow "
        + "it"), result.message());
  }

  @Test
  void goroutinesArePerThousandRequests() {
    TrendResult result = RateRule.evaluate(TrendKind.GOROUTINES_PER_1000_REQUESTS, "api", "during phase \"api\"",
        points(4_000, 20, 28, 36), 1, 0.5, "");
    assertEquals(Status.KO, result.status());
    assertEquals("goroutines grew 2.00 per 1,000 requests during phase \"api\" (95 % interval 1.65 to 2.35, "
        + "3 probes over 8,000 requests); limit 0.50 per 1,000 requests; steady in every step (2.00 per 1,000 "
        + "requests first, 2.00 per 1,000 requests last): no plateau in this run", result.message());
  }

  @Test
  void noRequestsMeansNoRate() {
    TrendResult result = RateRule.evaluate(TrendKind.RETAINED_BYTES_PER_REQUEST, "api", "during phase \"api\"",
        points(0, 1, 2, 3), 8192, 32, "");
    assertEquals(Status.INCONCLUSIVE, result.status());
    assertNull(result.rate());
    assertEquals("no requests were counted during phase \"api\", so no rate per request can be fitted; an "
        + "unmeasured trend is not a pass", result.message());
  }

  @Test
  void anUnmeasuredProbeMakesTheRateInconclusive() {
    List<RatePoint> points = List.of(new RatePoint(5, 0, Measurement.of(1)),
        new RatePoint(6, 10, Measurement.failed("the target died")), new RatePoint(7, 20, Measurement.of(3)));
    TrendResult result = RateRule.evaluate(TrendKind.GOROUTINES_PER_1000_REQUESTS, "api", "during phase \"api\"",
        points, 1, 0.5, "");
    assertEquals("goroutines could not be measured at probe 7 during phase \"api\": the target died; an "
        + "unmeasured trend is not a pass", result.message());
  }
}
