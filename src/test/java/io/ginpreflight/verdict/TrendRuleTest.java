package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.TrendKind;
import io.ginpreflight.model.TrendResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendRuleTest {

  private static List<Measurement> values(long... values) {
    return java.util.Arrays.stream(values).mapToObj(Measurement::of).toList();
  }

  @Test
  void aSteadyLeakIsItsSlopeDividedByTheRoundsRequests() {
    // GIVEN the heap after each of 4 rounds of 1,000 requests grows 1 MiB a round after warm-up
    TrendResult result = TrendRule.evaluate(TrendKind.RETAINED_BYTES_PER_REQUEST, "api",
        values(10_000_000, 11_048_576, 12_097_152, 13_145_728), List.of(1000L, 1000L, 1000L, 1000L), 256);
    // THEN
    assertEquals(Status.KO, result.status());
    assertEquals(1048.576, result.rate(), 1e-9);
    assertEquals("retained heap grew 1048.6 B per request across rounds 2-4 of phase \"api\" "
        + "(fitted 1.0 MiB per round, 1000 requests per round); limit 256.0 B per request", result.message());
  }

  @Test
  void aCacheThatFilledInTheFirstRoundFitsFlat() {
    // Round 1 is the warm-up: the line starts at its end, so the step before it does not count.
    TrendResult result = TrendRule.evaluate(TrendKind.RETAINED_BYTES_PER_REQUEST, "api",
        values(2_000_000, 2_001_000, 1_999_000, 2_000_500), List.of(900L, 900L, 900L, 900L), 256);
    assertEquals(Status.OK, result.status());
    assertEquals(-0.0556, result.rate(), 1e-3);
  }

  @Test
  void goroutinesArePerThousandRequests() {
    TrendResult result = TrendRule.evaluate(TrendKind.GOROUTINES_PER_1000_REQUESTS, "sse",
        values(20, 120, 220), List.of(500L, 500L, 500L), 5);
    assertEquals(Status.KO, result.status());
    assertEquals("goroutines grew 200.0 per 1,000 requests across rounds 2-3 of phase \"sse\" "
        + "(fitted 100.0 per round, 500 requests per round); limit 5.0 per 1,000 requests", result.message());
  }

  @Test
  void noRequestsMeansNoRate() {
    TrendResult result = TrendRule.evaluate(TrendKind.RETAINED_BYTES_PER_REQUEST, "api", values(1, 2, 3),
        List.of(0L, 0L, 0L), 256);
    assertEquals(Status.INCONCLUSIVE, result.status());
    assertNull(result.rate());
    assertEquals("phase \"api\" recorded no requests after its warm-up round, so no rate per request can be "
        + "fitted; an unmeasured trend is not a pass", result.message());
  }

  @Test
  void anUnmeasuredRoundMakesTheTrendInconclusive() {
    TrendResult result = TrendRule.evaluate(TrendKind.GOROUTINES_PER_1000_REQUESTS, "api",
        List.of(Measurement.of(1), Measurement.failed("the target died"), Measurement.of(3)),
        List.of(10L, 10L, 10L), 5);
    assertEquals("goroutines could not be measured after round 2 of phase \"api\": the target died; "
        + "an unmeasured trend is not a pass", result.message());
  }
}
