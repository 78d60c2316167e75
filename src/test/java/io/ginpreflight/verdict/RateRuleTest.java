package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of a leak rate and its interval, how it decides, and the sentences it is said in. */
class RateRuleTest {

  private static final CheckKind BYTES = CheckKind.RETAINED_BYTES_PER_REQUEST;
  private static final CheckKind GOROUTINES = CheckKind.GOROUTINES_PER_1000_REQUESTS;
  private static final String BOUND = "after 8 rounds (preflight.rounds.max)";
  /** Before the bound, nothing grown past a flat limit: a growth above the rate's limit may yet stop. */
  private static final Look INTERIM = Look.interim(0, false, Duration.ofMinutes(1));
  private static final Look LARGE = Look.interim(0, true, Duration.ofMinutes(1));
  private static final Look LAST = Look.last(0, false, Duration.ofMinutes(1), BOUND);

  /** Values at probes every {@code step} requests. */
  private static List<RatePoint> points(long step, long... values) {
    List<RatePoint> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(new RatePoint(i + 1, i * step, Measurement.of(values[i])));
    }
    return points;
  }

  private static CheckResult judge(CheckKind kind, List<RatePoint> points, double noise, double limit, Look look) {
    long requests = points.get(points.size() - 1).count();
    return RateRule.evaluate(kind, "binding", points, noise, limit, requests, 0, look, () -> Where.NONE);
  }

  /** 100 B retained per request, 5,000 requests between four probes. */
  private static final List<RatePoint> STEADY_100 = points(5_000, 10_000_000, 10_500_000, 11_000_000, 11_500_000);

  @Test
  void aSteadyLeakThatAlsoGrewPastItsFlatLimitFailsAtOnce() {
    // GIVEN 100 B per request and 8 KiB of noise: the slope's standard error is 8192 / sqrt(5 * 5000^2) = 0.73 B
    CheckResult result = judge(BYTES, STEADY_100, 8192, 32, LARGE);
    // THEN KO at the first look: 100 - 3.719 * 0.73 = 97.3 B is above 32 B, and the heap grew past 4 MiB too
    assertEquals(Status.KO, result.status());
    assertEquals(100.0, result.figures().value(), 1e-9);
    assertEquals(98.56, result.interval().low(), 0.01);
    assertEquals("heap retained 100 B per request in phase \"binding\"; 95 % interval 99 to 101 B, "
        + "4 probes over 15,000 requests; limit 32 B per request; steady in every step (100 B per request "
        + "first, 100 B per request last)", result.message());
  }

  @Test
  void aSmallSteadyGrowthAsksForMoreRoundsBeforeItFailsForItMayBeACacheStillFilling() {
    CheckResult result = judge(BYTES, STEADY_100, 8192, 32, INTERIM);
    assertEquals(Status.UNDECIDED, result.status());
    assertEquals("above the limit (100 B per request), small enough to be a bounded cache still filling: more "
        + "rounds show whether it stops", result.message());
  }

  @Test
  void atTheBoundASmallSteadyGrowthFailsAndSaysWhatWouldTellACacheFromALeak() {
    CheckResult result = judge(BYTES, STEADY_100, 8192, 32, LAST);
    // THEN KO, with the heap it adds per minute at this load: 1,500,000 B in the minute the rounds ran
    assertEquals(Status.KO, result.status());
    assertEquals("heap retained 100 B per request in phase \"binding\"; 95 % interval 99 to 101 B, 4 probes over "
        + "15,000 requests; limit 32 B per request; still growing " + BOUND + ": steady in every step (100 B per "
        + "request first, 100 B per request last); a bounded cache still filling looks like this until it is full, "
        + "and this run cannot tell it from a leak; at this load it grows about 1.4 MiB per minute: a longer warm-up "
        + "fills it first (its family's load.<profile>.warm-up), more rounds give it time (preflight.rounds.max, "
        + "preflight.rounds.extra-time), or the nightly profile", result.message());
  }

  @Test
  void noiseAloneNeverFails() {
    // GIVEN a flat heap that moves by a few KiB either way, at the last look
    CheckResult result = judge(BYTES, points(2_000, 10_000_000, 10_006_000, 9_998_000, 10_004_000), 8192, 32, LAST);
    assertEquals(Status.OK, result.status());
    assertTrue(result.interval().low() < 0 && result.interval().high() > 0, result.message());
  }

  @Test
  void aCacheThatFilledAndStoppedIsAPlateau() {
    // GIVEN 2 MiB of growth in the first step, then nothing
    CheckResult result = judge(BYTES, points(5_000, 10_000_000, 12_097_152, 12_097_500, 12_098_000), 8192, 32,
        INTERIM);
    assertEquals(Status.OK, result.status());
    assertTrue(result.figures().plateau());
    assertTrue(result.message().endsWith("; a plateau, not a leak: it grew 419 B per request at first and "
        + "0.1 B per request in the last step, under the limit (a cache, pool or map that filled and stopped)"),
        result.message());
  }

  @Test
  void aGrowthThatSlowsAsksForMoreRoundsAndFailsAtTheBoundIfItStillGoesOn() {
    // GIVEN 400 B per request, then 200, then 100: slowing, not stopped
    List<RatePoint> slowing = points(5_000, 10_000_000, 12_000_000, 13_000_000, 13_500_000);
    CheckResult interim = judge(BYTES, slowing, 8192, 32, INTERIM);
    assertEquals(Status.UNDECIDED, interim.status());
    assertEquals("growth slowed from 400 B per request to 100 B per request but had not stopped: more rounds "
        + "show whether it stops", interim.message());
    // WHEN it is the last look: its last step, 100 B with a 95 % interval of 1.96 * 8192 * sqrt(2) / 5000 = 4.5 B
    CheckResult last = judge(BYTES, slowing, 8192, 32, LAST);
    assertEquals(Status.KO, last.status());
    assertTrue(last.message().contains("; still growing " + BOUND + ": the last step alone is above the limit: "
        + "100 B per request (95 % interval 95 to 105 B); growth slowed from 400 B per request to 100 B per "
        + "request but had not stopped; a bounded cache still filling"), last.message());
  }

  @Test
  void oneStepOfOneGoroutineNeverFailsAlone() {
    // GIVEN an idle keep-alive connection's goroutine in the last of two steps of 400 requests: 2.5 per 1,000
    // in that step, with a count's jitter of 1 at rest
    List<RatePoint> keepAlive = points(400, 20, 20, 21);
    CheckResult result = judge(GOROUTINES, keepAlive, 0.5, 0.5, Look.last(1, false, Duration.ofSeconds(10), BOUND));
    // THEN OK at the last look: the growth is within the jitter, whatever its rate
    assertEquals(Status.OK, result.status());
    assertTrue(result.message().endsWith("; it rose by 1 in all, within what a count moves at rest (1): no leak "
        + "can be told from that"), result.message());
    // AND before it, another round shows whether it goes on
    CheckResult interim = judge(GOROUTINES, keepAlive, 0.5, 0.5, Look.interim(1, false, Duration.ofSeconds(10)));
    assertEquals(Status.UNDECIDED, interim.status());
    assertEquals("it rose by 1, within what a count moves at rest (1): more rounds show whether it goes on",
        interim.message());
  }

  @Test
  void goroutinesThatEndedLowerThanTheyBeganPassHoweverWideTheirLine() {
    // GIVEN goroutines left from the phase before ending during this one: 32, 32, then 17 to the end
    List<RatePoint> draining = points(600, 32, 32, 17, 17, 17, 17, 17, 17);
    CheckResult result = judge(GOROUTINES, draining, 0.5, 0.5, Look.interim(1, false, Duration.ofSeconds(40)));
    assertEquals(Status.OK, result.status());
  }

  @Test
  void goroutinesBeyondTheJitterInEveryStepFail() {
    CheckResult result = judge(GOROUTINES, points(4_000, 20, 28, 36), 1, 0.5, Look.last(1, false, Duration.ZERO,
        BOUND));
    // THEN KO: 2 per 1,000 with an interval of 1.96 / sqrt(2 * 4000^2) * 1000 = 0.35 either side
    assertEquals(Status.KO, result.status());
    assertEquals("goroutines grew 2.00 per 1,000 requests in phase \"binding\"; 95 % interval 1.65 to 2.35, "
        + "3 probes over 8,000 requests; limit 0.50 per 1,000 requests; still growing " + BOUND + ": steady in "
        + "every step (2.00 per 1,000 requests first, 2.00 per 1,000 requests last)", result.message());
  }

  @Test
  void twoProbesAreJudgedFromTheMeasuredNoise() {
    // GIVEN one round: its two probes, 10,000 requests apart, 2 MiB grown
    CheckResult result = judge(BYTES, points(10_000, 5_000_000, 7_097_152), 8192, 32, LARGE);
    // THEN the interval is 1.96 * 8192 * sqrt(2) / 10,000 = 2.27 B wide either side
    assertEquals(Status.KO, result.status());
    assertEquals(2.27, result.interval().high() - result.figures().value(), 0.01);
  }

  @Test
  void anIntervalThatStraddlesTheLimitAsksForAnotherRoundAndAtTheBoundSaysWhatWouldDecideIt() {
    // GIVEN only 100 requests between two probes, so 8 KiB of noise is 1.96 * 8192 * sqrt(2) / 100 = 227 B per
    // request either side of the 20 B fitted
    List<RatePoint> few = points(100, 5_000_000, 5_002_000);
    CheckResult interim = judge(BYTES, few, 8192, 32, INTERIM);
    assertEquals(Status.UNDECIDED, interim.status());
    assertEquals("95 % interval -207 to 247 B against 32 B per request", interim.message());
    CheckResult last = judge(BYTES, few, 8192, 32, LAST);
    assertEquals(Status.UNDECIDED, last.status());
    // AND how many requests would narrow it enough: 100 * 227.07 / (32 - 20) = 1,893
    assertEquals("heap retained 20 B per request in phase \"binding\" undecided " + BOUND + "; 95 % interval -207 "
        + "to 247 B, 2 probes over 100 requests; limit 32 B per request; too little data to judge per request: the "
        + "interval is wider than the limit; about 1,893 requests instead of 100 would decide it: a higher rate or "
        + "longer rounds for its family, more rounds (preflight.rounds.max), or the nightly profile", last.message());
  }

  @Test
  void tooFewRequestsAsksForMoreRoundsThenSaysWhatWouldJudgeIt() {
    List<RatePoint> points = points(250, 5_000_000, 5_000_000, 5_000_000);
    CheckResult interim = RateRule.evaluate(BYTES, "uploads", points, 8192, 32, 500, 1000, INTERIM, () -> Where.NONE);
    assertEquals(Status.UNDECIDED, interim.status());
    assertEquals("500 requests, fewer than the 1,000 a rate needs (preflight.limits.rate-min-requests)",
        interim.message());
    CheckResult last = RateRule.evaluate(BYTES, "uploads", points, 8192, 32, 500, 1000, LAST, () -> Where.NONE);
    assertEquals(Status.UNDECIDED, last.status());
    assertTrue(last.message().startsWith("not judged per request in phase \"uploads\", undecided " + BOUND + ": 500 "
        + "requests"), last.message());
  }

  @Test
  void goroutinesTheRuntimeProvedLeakedDecideARateTheCountsJitterLeftUndecided() {
    // GIVEN a count whose timer jobs swing it by 3, and 12 goroutines proved leaked over 12,000 requests
    CheckResult undecided = judge(GOROUTINES, points(3_000, 20, 26, 23, 29, 32), 0.5, 0.5,
        Look.last(1, true, Duration.ZERO, BOUND));
    assertEquals(Status.UNDECIDED, undecided.status(), undecided.message());
    CheckResult proved = RateRule.provedAtLeast(undecided, 12, 12_000, () -> Where.NONE);
    // THEN KO: 12 / 12,000 requests is 1.00 per 1,000, above 0.50 with no noise to allow for
    assertEquals(Status.KO, proved.status());
    assertTrue(proved.message().startsWith("goroutines proved leaked 1.00 per 1,000 requests in phase \"binding\" (12 "
        + "over 12,000 requests, proved by the runtime: no noise); the count's own line: goroutines grew "),
        proved.message());
    // AND fewer proved than the limit allows leave the rate as it was
    assertEquals(Status.UNDECIDED, RateRule.provedAtLeast(undecided, 5, 12_000, () -> Where.NONE).status());
  }

  @Test
  void noRequestsMeansNoRate() {
    CheckResult result = judge(BYTES, points(0, 1, 2, 3), 8192, 32, LAST);
    assertEquals(Status.INCONCLUSIVE, result.status());
    assertNull(result.figures().value());
    assertEquals("no requests were counted in phase \"binding\", so no rate per request can be fitted; an "
        + "unmeasured rate is not a pass", result.message());
  }

  @Test
  void anUnmeasuredProbeMakesTheRateInconclusive() {
    List<RatePoint> points = List.of(new RatePoint(5, 0, Measurement.of(1)),
        new RatePoint(6, 10, Measurement.failed("the target died")), new RatePoint(7, 20, Measurement.of(3)));
    CheckResult result = judge(GOROUTINES, points, 1, 0.5, LAST);
    assertEquals("goroutines could not be measured at probe 7 in phase \"binding\": the target died; an "
        + "unmeasured rate is not a pass", result.message());
  }

  @Test
  void aKoRateSaysWhereItGrewRightAfterTheRateAndAPassingOneDoesNotLook() {
    // GIVEN 100 B per request, and a place it grew at
    Where where = new Where("top growth: main.saveUpload (upload.go:41) 1.4 MiB", LeakDetail.NONE);
    List<String> asked = new ArrayList<>();
    CheckResult ko = RateRule.evaluate(BYTES, "binding", STEADY_100, 8192, 32, 15_000, 0, LARGE, () -> {
      asked.add("ko");
      return where;
    });
    // WHEN a flat heap and an undecided one are judged too
    CheckResult ok = RateRule.evaluate(BYTES, "binding", points(2_000, 10_000_000, 10_006_000, 9_998_000,
        10_004_000), 8192, 32, 6_000, 0, LAST, () -> {
          asked.add("ok");
          return where;
        });
    RateRule.evaluate(BYTES, "binding", STEADY_100, 8192, 32, 15_000, 0, INTERIM, () -> {
      asked.add("undecided");
      return where;
    });
    // THEN the KO leads with the rate and where, then the statistics; the others never diffed a profile
    assertTrue(ko.message().startsWith("heap retained 100 B per request in phase \"binding\"; top growth: "
        + "main.saveUpload (upload.go:41) 1.4 MiB; 95 % interval 99 to 101 B"), ko.message());
    assertEquals(Status.OK, ok.status());
    assertEquals(List.of("ko"), asked);
  }
}
