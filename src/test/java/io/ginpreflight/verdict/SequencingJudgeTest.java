package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.BaselineHistory;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.PhaseEnd;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Snapshot;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.BaselineSettings;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.PlannedPhase;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.plan.Sequencing;
import io.ginpreflight.signal.SiteContext;
import io.ginpreflight.watch.Probe;
import io.ginpreflight.watch.ProbeProfiles;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the judge decides a phase that may run extra rounds: it asks for one while a check is undecided and says
 * why, stops once all are decided, reads a count's jitter from its own rounds, and gives growth that would fail
 * a second look that tells lingering from leaking.
 */
class SequencingJudgeTest {

  private static final Limits DEFAULTS =
      Limits.from(PreflightConfig.from(ConfigFactory.parseMap(Map.of()), Optional.empty()));
  private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
  /** So many requests (and a twentieth as many journeys) a round. */
  private static RequestCounts perRound(long requests) {
    return new RequestCounts() {
      @Override
      public long requests(String scenario) {
        return requests;
      }

      @Override
      public long journeys(String scenario) {
        return requests / 20;
      }
    };
  }

  /** One judged phase of 3 planned rounds that may run 6, with a second look: probes 0, 1..6, then 7. */
  private static final RunPlan PLAN = RunPlan.of(List.of(new PlannedPhase("uploads", true, 3, 6, DEFAULTS)),
      DEFAULTS, Set.of(), BaselineSettings.OFF, BaselineHistory.empty("off"),
      new Sequencing(6, Duration.ofMinutes(3), Optional.of(Duration.ofSeconds(20))));
  private static final PhaseWindow UPLOADS = PLAN.windows().get(0);

  /** A phase that holds clients at once, judged by its growth alone, with a second look: probes 0, 1, then 2. */
  private static final RunPlan HOLD = RunPlan.of(List.of(new PlannedPhase("held", true, 1, 1, DEFAULTS,
      "a hold is one step")), DEFAULTS, Set.of(), BaselineSettings.OFF, BaselineHistory.empty("off"),
      new Sequencing(6, Duration.ofMinutes(3), Optional.of(Duration.ofSeconds(20))));

  private final RunFindings findings = new RunFindings();
  /** 500 requests a round by default: few, so that the heap's rate needs rounds to decide. */
  private Judge judge = judge(500);

  private Judge judge(long requestsPerRound) {
    return new Judge(PLAN, perRound(requestsPerRound), new LeakSites(SiteContext.unknown()), findings,
        Optional::empty);
  }

  /** The probe's reading, when the run takes it (the probe after an extra round nobody asked for it does not). */
  private Judge.Step probe(int index, long heap, long goroutines) {
    if (!judge.takes(PLAN.probe(index))) {
      return new Judge.Step(List.of(), Optional.empty(), Optional.empty());
    }
    return judge.record(PLAN.probe(index), new Probe(reading(index, heap, goroutines), ProbeProfiles.NONE));
  }

  @Test
  void aRateTheDataCannotDecideAsksForAnotherRoundSayingWhyThenStopsOnceDecided() {
    // GIVEN a flat heap, 500 requests a round: at round 3 its interval (8 KiB of noise) straddles 16 B
    probe(0, 10_000_000, 20);
    probe(1, 10_000_000, 20);
    probe(2, 10_002_000, 20);
    Judge.Step third = probe(3, 10_001_000, 20);
    // THEN no check is final yet, round 4 runs (5 and 6 do not), and the reason is kept for the reports
    assertTrue(third.checks().isEmpty() && third.decided().isEmpty());
    assertTrue(judge.runs(UPLOADS, 4));
    assertFalse(judge.runs(UPLOADS, 5));
    // WHEN later rounds stay flat (a round nobody asked for takes no probe)
    long[] heap = {10_000_500, 10_001_200, 10_000_800};
    Judge.Step decided = third;
    for (int probe = 4; probe <= 6 && decided.decided().isEmpty(); probe++) {
      decided = probe(probe, heap[probe - 4], 20);
    }
    // THEN the phase is decided by the bound at the latest, every check final, none a KO
    assertEquals(Optional.of(UPLOADS), decided.decided());
    assertTrue(decided.checks().stream().noneMatch(c -> c.status() == Status.KO), decided.checks().toString());
    PhaseEnd end = findings.end("uploads").orElseThrow();
    assertTrue(end.roundsRun() > 3 && end.roundsRun() <= 6, end.toString());
    assertEquals(end.roundsRun() - 3, end.extraRounds().size());
    assertTrue(end.extraRounds().get(0).startsWith("round 4 of at most 6: retained bytes per request undecided, "
        + "95 % interval "), end.extraRounds().get(0));
  }

  @Test
  void aPhaseThatFailedBeyondDoubtRunsNoMoreRoundsAndSaysWhyTheRestIsUndecided() {
    // GIVEN goroutines the runtime proves leaked, 30 a round, while the heap's rate is still undecided
    for (int probe = 0; probe <= 2; probe++) {
      judge.record(PLAN.probe(probe), new Probe(reading(probe, 10_000_000 + 1_000L * probe, 20 + 30L * probe,
          30L * probe), ProbeProfiles.NONE));
    }
    Judge.Step third = judge.record(PLAN.probe(3), new Probe(reading(3, 10_002_000, 110, 90), ProbeProfiles.NONE));
    // THEN the phase is decided at round 3: no round 4, the leak KO, the heap's rate undecided and why
    assertEquals(Optional.of(UPLOADS), third.decided());
    assertFalse(judge.runs(UPLOADS, 4));
    assertEquals(Status.KO, status(third, CheckKind.LEAKED_GOROUTINES));
    CheckResult heap = third.checks().stream().filter(c -> c.kind() == CheckKind.RETAINED_BYTES_PER_REQUEST)
        .findFirst().orElseThrow();
    assertEquals(Status.UNDECIDED, heap.status(), heap.message());
    assertTrue(heap.message().contains(" undecided after 3 rounds: the phase failed on goroutine growth, "
        + "leaked goroutines, goroutines per 1000 requests, so no more rounds ran"), heap.message());
  }

  private static Status status(Judge.Step step, CheckKind kind) {
    return step.checks().stream().filter(c -> c.kind() == kind).findFirst().orElseThrow().status();
  }

  @Test
  void aCountThatRoseAndFellBackBetweenRoundsTeachesItsJitter() {
    // GIVEN a timer job's 3 goroutines, there at some probes and not at others, then there at the last
    long[] goroutines = {20, 20, 20, 23, 20, 20, 23};
    for (int probe = 0; probe <= 6; probe++) {
      probe(probe, 10_000_000, goroutines[probe]);
    }
    // THEN the +3 at the end is within what the count moved, with nothing retained: never a KO
    CheckResult rate = findings.checks().stream().filter(c -> c.kind() == CheckKind.GOROUTINES_PER_1000_REQUESTS)
        .findFirst().orElseThrow();
    assertEquals(Status.OK, rate.status(), rate.message());
  }

  /** The held phase's look, 400 goroutines up after it: a second look is asked for. */
  private SecondLook heldWith400More(Judge held) {
    held.record(HOLD.probe(0), new Probe(reading(0, 10_000_000, 20), ProbeProfiles.NONE));
    Judge.Step look = held.record(HOLD.probe(1), new Probe(reading(1, 10_000_000, 420), ProbeProfiles.NONE));
    assertTrue(look.checks().isEmpty());
    return look.secondLook().orElseThrow();
  }

  private Judge held() {
    return new Judge(HOLD, perRound(500), new LeakSites(SiteContext.unknown()), findings, Optional::empty);
  }

  @Test
  void growthThatWouldFailGetsASecondLookAndPassesWhenItDrained() {
    // GIVEN 400 goroutines of a library's close handshake right after the hold
    Judge held = held();
    SecondLook look = heldWith400More(held);
    // THEN a second look, waiting for goroutines back at where the phase began and its jitter
    assertEquals(2, look.probe());
    assertEquals(21, look.goroutinesAtMost().getAsLong());
    assertFalse(look.waitWholeGrace());
    // WHEN the second look, 5.1 s later, reads them gone
    Judge.Step after = held.confirm(look, new Probe(reading(2, 10_000_000, 21), ProbeProfiles.NONE),
        Duration.ofMillis(5_100));
    // THEN the growth check passes, saying it was lingering
    CheckResult growth = after.checks().stream().filter(c -> c.kind() == CheckKind.GOROUTINE_GROWTH).findFirst()
        .orElseThrow();
    assertEquals(Status.OK, growth.status(), growth.message());
    assertTrue(growth.message().startsWith("lingering, not leaked: goroutines +400 in phase \"held\" drained "
        + "within 5.1 s with no load; at the second look: goroutines +1 in phase \"held\""), growth.message());
    assertEquals("second look 5.1 s after the last round: goroutines 420 → 21, post-GC heap 9.5 MiB → 9.5 MiB",
        findings.end("held").orElseThrow().secondLook());
  }

  @Test
  void growthStillThereAtTheSecondLookIsConfirmed() {
    Judge held = held();
    SecondLook look = heldWith400More(held);
    Judge.Step after = held.confirm(look, new Probe(reading(2, 10_000_000, 420), ProbeProfiles.NONE),
        Duration.ofSeconds(20));
    CheckResult growth = after.checks().stream().filter(c -> c.kind() == CheckKind.GOROUTINE_GROWTH).findFirst()
        .orElseThrow();
    assertEquals(Status.KO, growth.status(), growth.message());
    assertTrue(growth.message().endsWith("; still there at a second look 20.0 s later, with no load"),
        growth.message());
  }

  private static ProbeReading reading(int probe, long heap, long goroutines) {
    return reading(probe, heap, goroutines, 0);
  }

  private static ProbeReading reading(int probe, long heap, long goroutines, long provedLeaked) {
    Instant at = START.plusSeconds(6L * probe);
    Snapshot values = new Snapshot(at, Map.of(Signal.POST_GC_HEAP_BYTES, Measurement.of(heap),
        Signal.GOROUTINES, Measurement.of(goroutines), Signal.LEAKED_GOROUTINES, Measurement.of(provedLeaked)));
    return new ProbeReading(probe, "probe " + probe, at, Duration.ofMillis(300), true, "", values, values, Map.of(),
        Optional.empty());
  }
}
