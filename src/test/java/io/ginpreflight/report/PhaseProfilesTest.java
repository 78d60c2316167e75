package io.ginpreflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.Availability;
import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Snapshot;
import io.ginpreflight.model.Source;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.PlannedPhase;
import io.ginpreflight.plan.RunPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * memory.html's {@code go tool pprof -base} command diffs the same two probes the phase's verdict judged
 * between. With rounds that is the probe after round 1, not the one before the phase: the first round is
 * warm-up, and a command from before it would show the warm-up's caches as the phase's growth.
 */
class PhaseProfilesTest {

  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void thePprofBaseOfAPhaseWithRoundsIsTheProbeAfterItsFirstRound() {
    // GIVEN a warm-up and a judged phase of three rounds, probed five times
    Limits limits = Limits.from(PreflightConfig.from(ConfigFactory.parseMap(Map.of()), Optional.empty()));
    RunPlan plan = RunPlan.of(List.of(new PlannedPhase("binding warm-up", false, 1, limits),
        new PlannedPhase("binding", true, 3, limits)), limits, Set.of());
    RunFindings findings = new RunFindings();
    for (int probe = 0; probe < plan.probes().size(); probe++) {
      findings.add(reading(probe));
    }
    RunStart start = new RunStart("BindingSimulation", "bindingsimulation-1", START, "embedded gin-lab",
        Map.of(Source.PPROF, Availability.YES), BuildInfo.unknown("not read"), List.of(), null);
    RequestCounts counts = new RequestCounts() {
          @Override
          public long requests(String scenario) {
            return 100;
          }

          @Override
          public long journeys(String scenario) {
            return 10;
          }
        };
    // WHEN memory.html is rendered
    MemoryReport report = MemoryReport.of(start, plan, findings, counts, START.plusSeconds(60));
    String html = MemoryHtmlWriter.render(report, List.of());
    // THEN the binding phase's heap command starts after round 1 (probe 2) and ends after round 3 (probe 4)
    assertTrue(html.contains("go tool pprof -base profiles/heap-2.pb.gz profiles/heap-4.pb.gz"), html);
    // AND the warm-up's command spans its own window, probe 0 to probe 1
    assertTrue(html.contains("go tool pprof -base profiles/heap-0.pb.gz profiles/heap-1.pb.gz"), html);
    // AND the report records the same probes the verdict used
    PhaseRecord binding = report.phases().get(1);
    assertEquals(List.of(2, 4), List.of(binding.baselineProbe(), binding.closingProbe()));
  }

  private static ProbeReading reading(int probe) {
    Instant at = START.plusSeconds(10L * probe);
    Snapshot values = new Snapshot(at, Map.of(Signal.POST_GC_HEAP_BYTES, Measurement.of(10_000_000L + probe),
        Signal.GOROUTINES, Measurement.of(12)));
    return new ProbeReading(probe, "probe " + probe, at, Duration.ofMillis(500), true, "", values, values,
        Map.of(ProfileKind.HEAP, "profiles/heap-" + probe + ".pb.gz",
            ProfileKind.GOROUTINE, "profiles/goroutines-" + probe + ".txt"),
        Optional.empty());
  }
}
