package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ginpreflight.model.BaselineMedian;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.BaselineCheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineRuleTest {

  private static final Instant FROM = Instant.parse("2026-11-24T02:17:00Z");
  private static final Instant TO = Instant.parse("2026-11-30T02:17:00Z");

  private static BaselineCheck.Figure bytes(List<Double> values, double limit) {
    return new BaselineCheck.Figure(CheckKind.RETAINED_BYTES_PER_REQUEST,
        new BaselineMedian(CheckKind.RETAINED_BYTES_PER_REQUEST, values, FROM, TO), limit);
  }

  @Test
  void aFigureMoreThanItsLimitAboveTheMedianOfSevenRunsIsKoWithTheSentence() {
    // GIVEN seven nights of binding at 8 to 15 B per request (median 12)
    BaselineCheck check = new BaselineCheck("binding", List.of(bytes(List.of(15.0, 8.0, 12.0, 11.0, 13.0, 9.0, 14.0),
        64)), 3);
    // WHEN tonight's run retained 210 B per request
    CheckResult result = BaselineRule.evaluate(check, Map.of(CheckKind.RETAINED_BYTES_PER_REQUEST, new BaselineRule.Current(210, 190)));
    // THEN it is KO, in the words of the issue
    assertEquals(Status.KO, result.status());
    assertEquals("retained bytes per request in phase \"binding\" rose to 210 B from a median of 12 B over 7 runs "
        + "(2026-11-24 .. 2026-11-30); limit +64 B", result.message());
  }

  @Test
  void aRateAboveItsLimitButNotBeyondDoubtIsUndecidedAndAnEvenNumberOfRunsTakesTheMeanOfTheMiddleTwo() {
    BaselineCheck check = new BaselineCheck("binding", List.of(bytes(List.of(1.0, 3.0, 2.0, 10.0), 8)), 3);

    CheckResult result = BaselineRule.evaluate(check, Map.of(CheckKind.RETAINED_BYTES_PER_REQUEST, new BaselineRule.Current(11, 9.0)));

    // Never OK: a rise that straddles the limit is what the extra rounds are for.
    assertEquals(Status.UNDECIDED, result.status());
    assertEquals("retained bytes per request in phase \"binding\" may have risen: 11 B, against a median of 2.5 B over "
        + "4 runs (2026-11-24 .. 2026-11-30); limit +8.0 B; beyond doubt (its 99.99 % bound) it is only 9.0 B, so more "
        + "requests must tell a rise from noise", result.message());
  }

  @Test
  void aFigureWithinItsLimitPasses() {
    BaselineCheck check = new BaselineCheck("binding", List.of(bytes(List.of(1.0, 3.0, 2.0, 10.0), 8)), 3);

    CheckResult result = BaselineRule.evaluate(check, Map.of(CheckKind.RETAINED_BYTES_PER_REQUEST, new BaselineRule.Current(10.25, -3)));

    assertEquals(Status.OK, result.status());
    assertEquals("retained bytes per request in phase \"binding\" 10 B, against a median of 2.5 B over 4 runs "
        + "(2026-11-24 .. 2026-11-30); limit +8.0 B", result.message());
  }

  @Test
  void aRateWhoseWholeIntervalIsAboveTheLimitIsKoAndOneWithinItIsNot() {
    BaselineCheck check = new BaselineCheck("binding", List.of(bytes(List.of(1.0, 3.0, 2.0), 8)), 3);

    CheckResult above = BaselineRule.evaluate(check,
        Map.of(CheckKind.RETAINED_BYTES_PER_REQUEST, new BaselineRule.Current(11, 10.5)));
    CheckResult within = BaselineRule.evaluate(check,
        Map.of(CheckKind.RETAINED_BYTES_PER_REQUEST, new BaselineRule.Current(9, 4)));

    assertEquals(Status.KO, above.status());
    assertEquals(Status.OK, within.status());
    assertEquals("retained bytes per request in phase \"binding\" 9.0 B, against a median of 2.0 B over 3 runs "
        + "(2026-11-24 .. 2026-11-30); limit +8.0 B", within.message());
  }

  @Test
  void tooFewRunsIsSaidAndNotJudgedWhateverTheValue() {
    BaselineCheck check = new BaselineCheck("api", List.of(bytes(List.of(2.0, 3.0), 8)), 3);

    CheckResult result = BaselineRule.evaluate(check, Map.of(CheckKind.RETAINED_BYTES_PER_REQUEST, BaselineRule.Current.count(900)));

    assertEquals(Status.NOT_JUDGED, result.status());
    assertEquals(false, check.judged());
    assertEquals("phase \"api\" not judged against a baseline: 2 comparable passing runs before this one, 3 needed "
        + "(preflight.baseline.min-runs)", result.message());
    assertEquals("retained bytes per request in phase \"api\" not judged against a baseline: 2 comparable passing "
        + "runs before this one, 3 needed (preflight.baseline.min-runs)", result.parts().get(0).message());
  }

  @Test
  void anUnmeasuredFigureWithAHistoryIsInconclusiveAndAKoFigureIsNamedFirst() {
    BaselineCheck check = new BaselineCheck("api", List.of(bytes(List.of(2.0, 3.0, 4.0), 8),
        new BaselineCheck.Figure(CheckKind.FD_GROWTH,
            new BaselineMedian(CheckKind.FD_GROWTH, List.of(0.0, 1.0, 0.0), FROM, TO), 5)), 3);

    CheckResult unmeasured = BaselineRule.evaluate(check, Map.of(CheckKind.FD_GROWTH, BaselineRule.Current.count(0)));
    CheckResult both = BaselineRule.evaluate(check, Map.of(CheckKind.RETAINED_BYTES_PER_REQUEST,
        new BaselineRule.Current(3.0, 1.0), CheckKind.FD_GROWTH, BaselineRule.Current.count(40)));

    assertEquals(Status.INCONCLUSIVE, unmeasured.status());
    assertEquals("retained bytes per request in phase \"api\" could not be measured in this run, so it cannot be "
        + "compared with a median of 3.0 B over 3 runs (2026-11-24 .. 2026-11-30); limit +8.0 B; an unmeasured figure "
        + "is not a pass; open descriptor growth in phase \"api\" 0, against a median of 0 over 3 runs (2026-11-24 .. "
        + "2026-11-30); limit +5", unmeasured.message());
    assertEquals(Status.KO, both.status());
    assertEquals("open descriptor growth in phase \"api\" rose to 40 from a median of 0 over 3 runs (2026-11-24 .. "
        + "2026-11-30); limit +5; retained bytes per request in phase \"api\" 3.0 B, against a median of 3.0 B over 3 "
        + "runs (2026-11-24 .. 2026-11-30); limit +8.0 B", both.message());
  }
}
