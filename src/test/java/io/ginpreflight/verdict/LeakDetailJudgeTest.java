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
import io.ginpreflight.signal.GoroutineDump;
import io.ginpreflight.signal.SiteContext;
import io.ginpreflight.testkit.Fixtures;
import io.ginpreflight.testkit.ProcfsFixtures;
import io.ginpreflight.watch.Probe;
import io.ginpreflight.watch.ProbeProfiles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A KO check names its largest group, right after what grew, from the profiles two probes kept: the
 * captures of fixtures/capture-sites.sh (gin-lab: 40 leaky notifies, 40 upstream bodies and 40 blob spools
 * left open). The probes' counts are the captures' own: the dumps' totals and the descriptor listings' lines.
 */
class LeakDetailJudgeTest {

  private static final Limits DEFAULTS =
      Limits.from(PreflightConfig.from(ConfigFactory.parseMap(Map.of()), Optional.empty()));
  private static final RequestCounts COUNTS = new RequestCounts() {
    @Override
    public long requests(String scenario) {
      return 120;
    }

    @Override
    public long journeys(String scenario) {
      return 40;
    }
  };

  /** A probe as the watch hands it over: its counts and its profiles, parsed once. */
  private static Probe probe(int index, String when) throws Exception {
    GoroutineDump stacks = GoroutineDump.parse(Fixtures.text("goroutine-sites-debug2-" + when + ".txt"));
    GoroutineDump leaked = GoroutineDump.parse(Fixtures.text("goroutineleak-debug1-" + when + ".txt"));
    String descriptors = ProcfsFixtures.descriptorListing(when);
    Instant at = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(70L * index);
    Snapshot values = new Snapshot(at, Map.of(Signal.POST_GC_HEAP_BYTES, Measurement.of(10_000_000),
        Signal.GOROUTINES, Measurement.of(stacks.total()), Signal.LEAKED_GOROUTINES, Measurement.of(leaked.total()),
        Signal.OPEN_FDS, Measurement.of(descriptors.lines().count())));
    ProbeReading reading = new ProbeReading(index, "probe " + index, at, Duration.ofMillis(300), true, "", values,
        values, Map.of(), Optional.empty());
    return new Probe(reading, new ProbeProfiles(Optional.empty(), Optional.empty(), Optional.of(stacks),
        Optional.of(leaked), Optional.of(descriptors), Optional.empty()));
  }

  @Test
  void koGoroutineAndDescriptorChecksNameTheirLargestGroupRightAfterWhatGrew() throws Exception {
    // GIVEN one judged phase of one round between the "before" and "after" captures
    RunPlan plan = RunPlan.of(List.of(new PlannedPhase("api", true, 1, DEFAULTS)), DEFAULTS, Set.of());
    RunFindings findings = new RunFindings();
    Judge judge = new Judge(plan, COUNTS, new LeakSites(SiteContext.unknown()), findings, Optional::empty);
    // WHEN both probes are recorded
    judge.record(plan.probes().get(0), probe(0, "before"));
    judge.record(plan.probes().get(1), probe(1, "after"));

    // THEN the count check and the runtime's proof name the deliverers' stack site, state and creator
    String deliverers = "+40 goroutines blocked in chan send at main.leakyNotifyDeliver (leak_blocked_goroutine.go:77), "
        + "proved leaked by the runtime, created by main.leakyNotifyHandler (leak_blocked_goroutine.go:70)";
    CheckResult goroutines = check(findings, CheckKind.GOROUTINE_GROWTH);
    assertEquals(Status.KO, goroutines.status());
    assertEquals("goroutines +160 in phase \"api\"; top growth: " + deliverers + "; before 21, after 181; limit 20",
        goroutines.message());
    CheckResult leaked = check(findings, CheckKind.LEAKED_GOROUTINES);
    assertEquals("goroutines proved leaked +40 in phase \"api\"; top growth: " + deliverers + "; before 5, after 45; "
        + "limit 0", leaked.message());
    assertEquals(1, leaked.detail().goroutines().size());
    // AND the descriptor check names the upstream connections left open
    CheckResult fds = check(findings, CheckKind.FD_GROWTH);
    assertEquals("open file descriptors +120 in phase \"api\"; top growth: +40 TCP sockets to 127.0.0.1:34165 "
        + "(outbound, ESTABLISHED); before 18, after 138; limit 10", fds.message());
    assertEquals(3, fds.detail().descriptors().size());
    // AND where to look is within the 200 characters Gatling's report shows of a message
    for (CheckResult check : List.of(goroutines, leaked, fds)) {
      assertTrue(check.message().substring(0, Math.min(200, check.message().length())).contains(check == fds ? "127.0.0.1:34165"
          : "main.leakyNotifyDeliver (leak_blocked_goroutine.go:77)"), check.message());
    }
  }

  private static CheckResult check(RunFindings findings, CheckKind kind) {
    return findings.checks().stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
  }
}
