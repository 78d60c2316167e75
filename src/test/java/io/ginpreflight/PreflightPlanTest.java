package io.ginpreflight;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatling.javaapi.core.ChainBuilder;
import org.junit.jupiter.api.Test;

/** The sentences that refuse a simulation's phases when they cannot work (the layout: plan/RunPlanTest). */
class PreflightPlanTest {

  private static final ChainBuilder NOTHING = exec(session -> session);

  private static Phase judged(String name) {
    return Phase.named(name).journey(NOTHING).inject(constantUsersPerSec(1).during(1));
  }

  @Test
  void phaseNamesMustBeUnique() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Preflight.phases(judged("a"), judged("a")));
    assertEquals("Phase names must be unique, got [a, a].", refused.getMessage());
  }

  @Test
  void onlyWarmUpsWouldJudgeNothing() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Preflight.phases(Phase.warmUp("w").journey(NOTHING).inject(constantUsersPerSec(1).during(1))));
    assertEquals("Every phase is a warm-up, so nothing would be judged: declare at least one with "
        + "Phase.named(...).", refused.getMessage());
  }

  @Test
  void twoRoundsCannotFitARate() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> judged("api").rounds(2));
    assertEquals("Phase \"api\" needs 1 round, or at least 3 (one warm-up and two to fit a rate), got 2.",
        refused.getMessage());
  }

  @Test
  void aNameWithQuotesOrBracketsWouldBreakTheRecordNames() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Phase.named("a [b]"));
    assertEquals("A phase needs a name without quotes or brackets, got: a [b]", refused.getMessage());
  }

  @Test
  void aPhaseWithoutInjectionIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Phase.named("p").journey(NOTHING).inject());
    assertEquals("Phase \"p\" needs at least one injection step.", refused.getMessage());
  }
}
