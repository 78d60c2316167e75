package io.ginpreflight.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.Signal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.time.Duration;
import io.ginpreflight.model.BaselineHistory;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order of probes, the probes each window is judged between, and which checks the plan runs. */
class RunPlanTest {

  private static final Limits DEFAULTS =
      Limits.from(PreflightConfig.from(ConfigFactory.parseMap(Map.of()), Optional.empty()));

  private static PlannedPhase warmUp(String name) {
    return new PlannedPhase(name, false, 1, DEFAULTS);
  }

  private static PlannedPhase judged(String name, int rounds) {
    return new PlannedPhase(name, true, rounds, DEFAULTS);
  }

  @Test
  void probesSitBetweenPhasesAndEachWindowIsJudgedFromTheProbeBeforeIt() {
    // GIVEN a warm-up and a judged phase
    RunPlan plan = RunPlan.of(List.of(warmUp("warm-up"), judged("steady", 1)), DEFAULTS, Set.of());
    // THEN three probes, labelled by what they separate
    assertEquals(List.of("before \"warm-up\"", "after \"warm-up\", before \"steady\"", "after \"steady\""),
        plan.probes().stream().map(ProbePoint::label).toList());
    assertEquals("steady", plan.probes().get(1).nextStep());
    assertEquals("end", plan.probes().get(2).nextStep());
    // AND the judged window runs from probe 1 to probe 2; the warm-up's window judges nothing
    PhaseWindow steady = plan.windowOf(2).orElseThrow();
    assertEquals(List.of("steady", 1, 1, 2), List.of(steady.phase(), steady.openingProbe(), steady.baselineProbe(),
        steady.closingProbe()));
    assertEquals(List.of(), plan.windowOf(1).orElseThrow().growthChecks());
  }

  @Test
  void aPhaseWithRoundsIsJudgedFromTheEndOfItsFirstRound() {
    RunPlan plan = RunPlan.of(List.of(judged("api", 3)), DEFAULTS, Set.of());

    assertEquals(List.of("before \"api\"", "after \"api (round 1/3)\"", "after \"api (round 2/3)\"",
        "after \"api (round 3/3)\""), plan.probes().stream().map(ProbePoint::label).toList());
    PhaseWindow api = plan.windows().get(0);
    assertEquals(0, api.openingProbe());
    assertEquals(1, api.baselineProbe());
    assertEquals(3, api.closingProbe());
    assertEquals(List.of(1, 2, 3), api.roundProbes());
    assertEquals(List.of("api (round 1/3)", "api (round 2/3)", "api (round 3/3)"), api.roundScenarios());
    assertEquals(Optional.empty(), plan.windowOf(0));
    assertFalse(api.hasExtraRounds());
    assertEquals(OptionalInt.empty(), api.confirmationProbe());
  }

  @Test
  void checksRunWhenTheirLimitIsOnAndTheTargetOffersTheirSignal() {
    // GIVEN RSS off by default, descriptors off here, and a target without a visible temp directory and
    // without the goroutineleak profile
    PlannedPhase phase = new PlannedPhase("api", true, 3, DEFAULTS.off(CheckKind.FD_GROWTH));
    RunPlan plan = RunPlan.of(List.of(phase), DEFAULTS, Set.of(Signal.TEMP_FILES, Signal.LEAKED_GOROUTINES));
    // THEN heap and goroutines are checked, per phase and as rates
    PhaseWindow api = plan.windows().get(0);
    assertEquals(List.of(CheckKind.HEAP_GROWTH, CheckKind.GOROUTINE_GROWTH),
        api.growthChecks().stream().map(GrowthCheck::kind).toList());
    assertEquals(List.of(CheckKind.RETAINED_BYTES_PER_REQUEST, CheckKind.RETAINED_BYTES_PER_VIRTUAL_USER,
        CheckKind.GOROUTINES_PER_1000_REQUESTS), api.rateChecks().stream().map(RateCheck::kind).toList());
    // AND the assertions require exactly those records; one judged phase has no whole-run checks
    assertEquals(List.of("memory: heap growth [api]", "memory: goroutine growth [api]",
        "memory: retained bytes per request [api]", "memory: retained bytes per virtual user [api]",
        "memory: goroutines per 1000 requests [api]"), plan.recordNames());
  }

  @Test
  void aTargetWithTheGoroutineLeakProfileHasItsProofCheckedAtLimitZero() {
    // GIVEN the default limits and a target that offers every signal
    PlannedPhase phase = new PlannedPhase("api", true, 3, DEFAULTS);
    RunPlan plan = RunPlan.of(List.of(phase), DEFAULTS, Set.of());
    // THEN the leaked goroutines are a check of their own, beside the count-based one, at limit 0
    List<GrowthCheck> checks = plan.windows().get(0).growthChecks();
    assertTrue(checks.contains(new GrowthCheck(CheckKind.GOROUTINE_GROWTH, 20)), checks.toString());
    assertTrue(checks.contains(new GrowthCheck(CheckKind.LEAKED_GOROUTINES, 0)), checks.toString());
    assertTrue(plan.recordNames().contains("memory: leaked goroutines [api]"));
  }

  @Test
  void aPhaseOfOneRoundIsJudgedPerRequestTooAndAWarmUpIsNot() {
    RunPlan plan = RunPlan.of(List.of(warmUp("w"), judged("once", 1)), DEFAULTS, Set.of());
    assertEquals(3, plan.windows().get(1).rateChecks().size());
    assertTrue(plan.windows().get(0).recordNames().isEmpty());
    assertTrue(plan.wholeRunChecks().isEmpty());
  }

  @Test
  void twoJudgedPhasesAreAlsoJudgedTogetherAgainstTheWholeRunLimits() {
    RunPlan plan = RunPlan.of(List.of(judged("binding", 3), warmUp("api warm-up"), judged("api", 3)), DEFAULTS,
        Set.of());
    assertEquals(List.of("memory: retained bytes per request [whole run]",
        "memory: goroutines per 1000 requests [whole run]"), plan.recordNames().subList(plan.recordNames().size() - 2, plan.recordNames().size()));
    assertEquals(List.of(DEFAULTS.rates().wholeRunBytesPerRequest(), DEFAULTS.rates().wholeRunGoroutinesPer1000Requests()),
        plan.wholeRunChecks().stream().map(RateCheck::limit).toList());
    assertEquals("api", plan.lastWindow().phase());
  }

  @Test
  void aPhaseThatMayRunExtraRoundsHasAProbeLaidOutForEachAndOneForItsSecondLook() {
    // GIVEN a judged phase of 3 rounds that may run 5, and a grace period, then another phase
    Sequencing sequencing = new Sequencing(5, Duration.ofMinutes(2), Optional.of(Duration.ofSeconds(20)));
    RunPlan plan = RunPlan.of(List.of(new PlannedPhase("api", true, 3, 5, DEFAULTS), warmUp("next")), DEFAULTS,
        Set.of(), BaselineSettings.OFF, BaselineHistory.empty("off"), sequencing);
    // THEN a probe after each of the 5 rounds (the extra ones only if they run), then the second look
    assertEquals(List.of("before \"api\"", "after \"api (round 1/3)\"", "after \"api (round 2/3)\"",
        "after \"api (round 3/3)\"", "after \"api (round 4, extra)\"", "after \"api (round 5, extra)\"",
        "second look at \"api\"", "after \"next\""), plan.probes().stream().map(ProbePoint::label).toList());
    assertEquals(List.of(ProbePoint.Taken.ALWAYS, ProbePoint.Taken.ALWAYS, ProbePoint.Taken.ALWAYS,
        ProbePoint.Taken.ALWAYS, ProbePoint.Taken.IF_ITS_ROUND_RAN, ProbePoint.Taken.IF_ITS_ROUND_RAN,
        ProbePoint.Taken.TO_CONFIRM, ProbePoint.Taken.ALWAYS), plan.probes().stream().map(ProbePoint::taken).toList());
    PhaseWindow api = plan.windows().get(0);
    assertTrue(api.hasExtraRounds());
    assertEquals(List.of(1, 2, 3, 4, 5), api.roundProbes());
    assertEquals(3, api.closingProbe());
    assertEquals(OptionalInt.of(6), api.confirmationProbe());
    assertEquals(OptionalInt.of(4), api.roundClosedBy(4));
    // AND the samples after the last planned round are tagged with the first extra round, the last extra
    // round's with the next phase; the next phase opens, nominally, after the last planned round
    assertEquals("api (round 4, extra)", plan.probe(3).nextStep());
    assertEquals("next", plan.probe(5).nextStep());
    assertEquals(3, plan.windows().get(1).openingProbe());
    // AND profiles are kept where the phase may end, the second look included
    assertTrue(plan.keepsProfiles(4) && plan.keepsProfiles(5) && plan.keepsProfiles(6));
    assertFalse(plan.keepsProfiles(2));
  }

  @Test
  void aJudgedPhaseWhoseRequestsCanBeDrivenApartHasItsAttributionRoundsLaidOutAfterItsSecondLook() {
    // GIVEN a judged phase of 3 rounds (at most 4) with three requests, then a warm-up; attribution on
    Sequencing sequencing = new Sequencing(4, Duration.ofMinutes(2), Optional.of(Duration.ofSeconds(20)));
    List<io.ginpreflight.model.RequestPart> parts = List.of(io.ginpreflight.model.RequestPart.request("a", "GET", "/a", 1),
        io.ginpreflight.model.RequestPart.request("b", "GET", "/b", 1),
        io.ginpreflight.model.RequestPart.request("c", "POST", "/c", 2));
    RunPlan plan = RunPlan.of(List.of(new PlannedPhase("api", true, 3, 4, DEFAULTS, "", parts), warmUp("next")),
        DEFAULTS, Set.of(), BaselineSettings.OFF, BaselineHistory.empty("off"), sequencing,
        new AttributionSettings(Optional.of(Duration.ofMinutes(2))));
    // THEN one round for each of the three requests, each with a probe taken only if it runs
    AttributionPlan attribution = plan.attributionOf("api").orElseThrow();
    assertEquals(parts, attribution.parts());
    assertEquals(List.of("api (attribution 1)", "api (attribution 2)", "api (attribution 3)"),
        attribution.slots().stream().map(AttributionSlot::scenario).toList());
    assertEquals(List.of("second look at \"api\"", "after \"api (attribution 1)\"", "after \"api (attribution 2)\"",
        "after \"api (attribution 3)\"", "after \"next\""),
        plan.probes().subList(5, 10).stream().map(ProbePoint::label).toList());
    assertEquals(List.of(ProbePoint.Taken.IF_ATTRIBUTING, ProbePoint.Taken.IF_ATTRIBUTING,
        ProbePoint.Taken.IF_ATTRIBUTING), plan.probes().subList(6, 9).stream().map(ProbePoint::taken).toList());
    assertEquals("api (attribution 2)", plan.probe(6).nextStep());
    assertEquals("next", plan.probe(8).nextStep());
    assertEquals(Optional.of(attribution), plan.attributionClosedBy(7));
    assertTrue(plan.decidedApart(plan.windows().get(0)));
    // AND their probes keep no profiles: only the rates are read there
    assertFalse(plan.keepsProfiles(7));
    // AND with attribution off, or for a warm-up, none is laid out
    RunPlan off = RunPlan.of(List.of(new PlannedPhase("api", true, 3, 3, DEFAULTS, "", parts)), DEFAULTS, Set.of(),
        BaselineSettings.OFF, BaselineHistory.empty("off"), Sequencing.NONE, AttributionSettings.OFF);
    assertTrue(off.attributionOf("api").isEmpty());
    assertFalse(off.decidedApart(off.windows().get(0)));
  }

  @Test
  void aHandfulOfRequestsGetsARoundEachAndMoreTwoPerHalving() {
    AttributionSettings on = new AttributionSettings(Optional.of(Duration.ofMinutes(2)));
    assertEquals(List.of(0, 2, 6, 8, 10, 12, 12), List.of(on.roundsFor(1), on.roundsFor(2), on.roundsFor(6),
        on.roundsFor(7), on.roundsFor(13), on.roundsFor(18), on.roundsFor(21)));
    assertEquals(0, AttributionSettings.OFF.roundsFor(18));
  }
}
