package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Snapshot;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.PlannedPhase;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.signal.SiteContext;
import io.ginpreflight.watch.Probe;
import io.ginpreflight.watch.ProbeProfiles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The whole run: judged phases joined, each counting its own growth, so a little growth in every phase
 * fails although no phase fails alone; plateaus and phases too small to judge are left out, and said.
 */
class WholeRunTest {

  private static final Limits DEFAULTS =
      Limits.from(PreflightConfig.from(ConfigFactory.parseMap(Map.of()), Optional.empty()));
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  /** 5,000 requests (and 250 journeys) in every round. */
  private static final RequestCounts COUNTS = new RequestCounts() {
    @Override
    public long requests(String scenario) {
      return 5_000;
    }

    @Override
    public long journeys(String scenario) {
      return 250;
    }
  };

  /** Two judged phases of three rounds, a warm-up between them: probes 0..3, 4, 5..7. */
  private static final RunPlan PLAN = RunPlan.of(List.of(new PlannedPhase("binding", true, 3, DEFAULTS),
      new PlannedPhase("api warm-up", false, 1, DEFAULTS), new PlannedPhase("api", true, 3, DEFAULTS)),
      DEFAULTS, Set.of());

  private static CheckResult wholeRunBytes(IntToLongFunction heapAtProbe) {
    RunFindings findings = new RunFindings();
    Judge judge = new Judge(PLAN, COUNTS, new LeakSites(SiteContext.unknown()), findings, Optional::empty);
    PLAN.probes().forEach(point -> judge.record(point, new Probe(reading(point.index(),
        heapAtProbe.applyAsLong(point.index())), ProbeProfiles.NONE)));
    return findings.checks().stream()
        .filter(t -> t.scope().equals(CheckResult.WHOLE_RUN) && t.kind() == CheckKind.RETAINED_BYTES_PER_REQUEST)
        .findFirst().orElseThrow();
  }

  @Test
  void twelveBytesPerRequestInEveryPhasePassesEachPhaseButFailsTheWholeRun() {
    // GIVEN 12 B per request in every judged round (60,000 B a round), and 2 MiB more in the warm-up
    long[] heap = {10_000_000, 10_060_000, 10_120_000, 10_180_000, 12_180_000, 12_240_000, 12_300_000, 12_360_000};
    CheckResult run = wholeRunBytes(probe -> heap[probe]);
    // THEN KO over the whole run (8 B limit), its interval from two phases of 10,000 requests each
    assertEquals(Status.KO, run.status(), run.message());
    assertEquals(12.0, run.figures().value(), 1e-6);
    assertEquals("heap retained 12 B per request over the whole run; 95 % interval 10 to 14 B, 6 probes over 20,000 "
        + "requests, 2 judged phases: binding 12 B, api 12 B; limit 8.0 B per request", run.message());
  }

  @Test
  void aPhaseWhoseGrowthStoppedIsLeftOutAndOneLeftIsNotEnough() {
    // GIVEN binding grows 1 MiB in round 2 and nothing in round 3 (a cache filled); api grows 12 B per request
    long[] heap = {10_000_000, 10_000_000, 11_048_576, 11_048_600, 13_000_000, 13_060_000, 13_120_000, 13_180_000};
    CheckResult run = wholeRunBytes(probe -> heap[probe]);
    assertEquals(Status.OK, run.status(), run.message());
    assertEquals("not judged per request over the whole run: 1 of the judged phases can be joined, two are needed; "
        + "left out: binding (a plateau)", run.message());
  }

  private static ProbeReading reading(int probe, long heap) {
    Instant at = START.plusSeconds(10L * probe);
    Snapshot values = new Snapshot(at, Map.of(Signal.POST_GC_HEAP_BYTES, Measurement.of(heap),
        Signal.GOROUTINES, Measurement.of(20)));
    return new ProbeReading(probe, "probe " + probe, at, Duration.ofMillis(300), true, "", values, values, Map.of(),
        Optional.empty());
  }
}
