package io.ginpreflight;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatling.javaapi.core.ChainBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order of probes and what each one judges, and the sentences that refuse a plan that cannot work. */
class PreflightPlanTest {

  private static final ChainBuilder NOTHING = exec(session -> session);

  private static Phase judged(String name) {
    return Phase.named(name).journey(NOTHING).inject(constantUsersPerSec(1).during(1));
  }

  @Test
  void probesSitBetweenPhasesAndEachClosingProbeJudgesFromTheOneBefore() {
    // GIVEN a warm-up and a judged phase
    Preflight plan = Preflight.phases(
        Phase.warmUp("warm-up").journey(NOTHING).inject(constantUsersPerSec(1).during(1)), judged("steady"));
    // WHEN its probe points are laid out
    List<Boundary> boundaries = plan.boundaries();
    // THEN three probes, labelled by what they separate
    assertEquals(List.of("before \"warm-up\"", "after \"warm-up\", before \"steady\"", "after \"steady\""),
        boundaries.stream().map(Boundary::label).toList());
    assertEquals(Optional.empty(), boundaries.get(0).closes().map(Phase::name));
    assertEquals(Optional.of("steady"), boundaries.get(2).closes().map(Phase::name));
    assertEquals(1, boundaries.get(2).baselineIndex());
    assertEquals("steady", boundaries.get(1).nextStep());
  }

  @Test
  void aPhaseWithRoundsIsJudgedFromTheEndOfItsFirstRound() {
    Preflight plan = Preflight.phases(judged("api").rounds(3));
    List<Boundary> boundaries = plan.boundaries();

    assertEquals(List.of("before \"api\"", "after \"api (round 1/3)\"", "after \"api (round 2/3)\"",
        "after \"api (round 3/3)\""), boundaries.stream().map(Boundary::label).toList());
    Boundary closing = boundaries.get(3);
    assertEquals(1, closing.baselineIndex());
    assertEquals(List.of(1, 2, 3), closing.roundIndexes());
    assertEquals(List.of("api (round 1/3)", "api (round 2/3)", "api (round 3/3)"), closing.roundScenarios());
    assertEquals(Optional.empty(), boundaries.get(2).closes());
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
  void twoRoundsCannotFitATrend() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> judged("api").rounds(2));
    assertEquals("Phase \"api\" needs 1 round, or at least 3 (one warm-up and two to fit a trend), got 2.",
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
