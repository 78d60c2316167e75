package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of a leak rate and its interval, and the sentences it is said in. */
class RateRuleTest {

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
    CheckResult result = RateRule.evaluate(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding",
        points(5_000, 10_000_000, 10_500_000, 11_000_000, 11_500_000), 8192, 32, () -> Where.NONE);
    // THEN KO, the interval from the noise: 1.96 * 8192 / sqrt(5 * 5000^2) = 1.4 B
    assertEquals(Status.KO, result.status());
    assertEquals(100.0, result.figures().value(), 1e-9);
    assertEquals(98.6, result.interval().low(), 0.05);
    assertEquals("heap retained 100 B per request in phase \"binding\"; 95 % interval 99 to 101 B, "
        + "4 probes over 15,000 requests; limit 32 B per request; steady in every step (100 B per request "
        + "first, 100 B per request last): no plateau in this run", result.message());
  }

  @Test
  void noiseAloneNeverFails() {
    // GIVEN a flat heap that moves by a few KiB either way
    CheckResult result = RateRule.evaluate(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding",
        points(2_000, 10_000_000, 10_006_000, 9_998_000, 10_004_000), 8192, 32, () -> Where.NONE);
    assertEquals(Status.OK, result.status());
    assertTrue(result.interval().low() < 0 && result.interval().high() > 0, result.message());
  }

  @Test
  void aCacheThatFilledAndStoppedIsAPlateau() {
    // GIVEN 2 MiB of growth in the first step, then nothing
    CheckResult result = RateRule.evaluate(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding",
        points(5_000, 10_000_000, 12_097_152, 12_097_500, 12_098_000), 8192, 32, () -> Where.NONE);
    assertEquals(Status.OK, result.status());
    assertTrue(result.message().endsWith("; a plateau, not a leak: it grew 419 B per request at first and "
        + "0.1 B per request in the last step, under the limit (a cache, pool or map that filled and stopped)"),
        result.message());
  }

  @Test
  void aGrowthThatSlowsButHasNotStoppedSaysOneRunCannotTell() {
    CheckResult result = RateRule.evaluate(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding",
        points(5_000, 10_000_000, 12_000_000, 13_000_000, 13_500_000), 8192, 32, () -> Where.NONE);
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
    CheckResult result = RateRule.evaluate(CheckKind.RETAINED_BYTES_PER_REQUEST, "api",
        points(10_000, 5_000_000, 7_097_152), 8192, 32, () -> Where.NONE);
    // THEN the interval is 1.96 * 8192 * sqrt(2) / 10,000 = 2.3 B wide either side
    assertEquals(Status.KO, result.status());
    assertEquals(2.27, result.interval().high() - result.figures().value(), 0.01);
  }

  @Test
  void anIntervalWiderThanTheLimitSaysSoAndLeavesTheVerdictToTheFlatCheck() {
    // GIVEN only 100 requests between two probes, so 8 KiB of noise is 227 B per request
    CheckResult result = RateRule.evaluate(CheckKind.RETAINED_BYTES_PER_REQUEST, "api",
        points(100, 5_000_000, 5_002_000), 8192, 32, () -> Where.NONE);
    assertEquals(Status.OK, result.status());
    assertTrue(result.message().endsWith("; too little data to judge per request: the interval is wider than "
        + "the limit, so only the flat per-phase checks judged this phase; more requests or rounds would narrow "
        + "it"), result.message());
  }

  @Test
  void goroutinesArePerThousandRequests() {
    CheckResult result = RateRule.evaluate(CheckKind.GOROUTINES_PER_1000_REQUESTS, "api",
        points(4_000, 20, 28, 36), 1, 0.5, () -> Where.NONE);
    assertEquals(Status.KO, result.status());
    assertEquals("goroutines grew 2.00 per 1,000 requests in phase \"api\"; 95 % interval 1.65 to 2.35, "
        + "3 probes over 8,000 requests; limit 0.50 per 1,000 requests; steady in every step (2.00 per 1,000 "
        + "requests first, 2.00 per 1,000 requests last): no plateau in this run", result.message());
  }

  @Test
  void noRequestsMeansNoRate() {
    CheckResult result = RateRule.evaluate(CheckKind.RETAINED_BYTES_PER_REQUEST, "api",
        points(0, 1, 2, 3), 8192, 32, () -> Where.NONE);
    assertEquals(Status.INCONCLUSIVE, result.status());
    assertNull(result.figures().value());
    assertEquals("no requests were counted in phase \"api\", so no rate per request can be fitted; an "
        + "unmeasured rate is not a pass", result.message());
  }

  @Test
  void anUnmeasuredProbeMakesTheRateInconclusive() {
    List<RatePoint> points = List.of(new RatePoint(5, 0, Measurement.of(1)),
        new RatePoint(6, 10, Measurement.failed("the target died")), new RatePoint(7, 20, Measurement.of(3)));
    CheckResult result = RateRule.evaluate(CheckKind.GOROUTINES_PER_1000_REQUESTS, "api",
        points, 1, 0.5, () -> Where.NONE);
    assertEquals("goroutines could not be measured at probe 7 in phase \"api\": the target died; an "
        + "unmeasured rate is not a pass", result.message());
  }

  @Test
  void aKoRateSaysWhereItGrewRightAfterTheRateAndAPassingOneDoesNotLook() {
    // GIVEN 100 B per request, and a place it grew at
    Where where = new Where("top growth: main.saveUpload (upload.go:41) 1.4 MiB", LeakDetail.NONE);
    List<String> asked = new ArrayList<>();
    CheckResult ko = RateRule.evaluate(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding",
        points(5_000, 10_000_000, 10_500_000, 11_000_000, 11_500_000), 8192, 32, () -> {
          asked.add("ko");
          return where;
        });
    // WHEN a flat heap is judged too
    CheckResult ok = RateRule.evaluate(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding",
        points(2_000, 10_000_000, 10_006_000, 9_998_000, 10_004_000), 8192, 32, () -> {
          asked.add("ok");
          return where;
        });
    // THEN the KO leads with the rate and where, then the statistics; the OK never diffed a profile
    assertEquals("heap retained 100 B per request in phase \"binding\"; top growth: main.saveUpload "
        + "(upload.go:41) 1.4 MiB; 95 % interval 99 to 101 B, 4 probes over 15,000 requests; limit 32 B per "
        + "request; steady in every step (100 B per request first, 100 B per request last): no plateau in this run",
        ko.message());
    assertEquals(Status.OK, ok.status());
    assertEquals(List.of("ko"), asked);
  }
}
