package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Snapshot;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.PlannedPhase;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A KO check names its largest group, read from the files two probes saved: the captures of
 * fixtures/capture-sites.sh (gin-lab: 40 leaky notifies, 40 upstream bodies and 40 blob spools left open).
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

  @TempDir
  Path runDir;

  private ProbeReading reading(int probe, String when, long goroutines, long leaked, long fds) throws Exception {
    Path profiles = Files.createDirectories(runDir.resolve("profiles"));
    Files.writeString(profiles.resolve("full-" + probe), Fixtures.text("goroutine-sites-debug2-" + when + ".txt"));
    Files.writeString(profiles.resolve("leak-" + probe), Fixtures.text("goroutineleak-debug1-" + when + ".txt"));
    Files.writeString(profiles.resolve("fds-" + probe), descriptors(when));
    Instant at = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(70L * probe);
    Snapshot values = new Snapshot(at, Map.of(Signal.POST_GC_HEAP_BYTES, Measurement.of(10_000_000),
        Signal.GOROUTINES, Measurement.of(goroutines), Signal.LEAKED_GOROUTINES, Measurement.of(leaked),
        Signal.OPEN_FDS, Measurement.of(fds)));
    return new ProbeReading(probe, "probe " + probe, at, Duration.ofMillis(300), true, "", values, values,
        Map.of(ProfileKind.GOROUTINE_FULL, "profiles/full-" + probe, ProfileKind.GOROUTINE_LEAK,
            "profiles/leak-" + probe, ProfileKind.DESCRIPTORS, "profiles/fds-" + probe), Optional.empty());
  }

  /** The listing a probe saves, from the captured /proc files (as DescriptorListingTest reads them). */
  private static String descriptors(String when) {
    return io.ginpreflight.testkit.ProcfsFixtures.descriptorListing(when);
  }

  @Test
  void koGoroutineAndDescriptorChecksNameTheirLargestGroup() throws Exception {
    // GIVEN one judged phase of one round between the "before" and "after" captures
    RunPlan plan = RunPlan.of(java.util.List.of(new PlannedPhase("api", true, 1, DEFAULTS)), DEFAULTS, Set.of());
    RunFindings findings = new RunFindings();
    Judge judge = new Judge(plan, COUNTS, new LeakSites(runDir), findings, Optional.empty());
    // WHEN both probes are recorded
    judge.record(plan.probes().get(0), reading(0, "before", 30, 5, 17));
    judge.record(plan.probes().get(1), reading(1, "after", 157, 45, 137));

    // THEN the count check and the runtime's proof name the deliverers' state, stack and creator
    String deliverers = "+40 goroutines blocked in chan send (proved leaked by the runtime) at main.leakyNotifyDeliver "
        + "(leak_blocked_goroutine.go:77), created by main.leakyNotifyHandler (leak_blocked_goroutine.go:70)";
    CheckResult goroutines = check(findings, CheckKind.GOROUTINE_GROWTH);
    assertEquals(Status.KO, goroutines.status());
    assertTrue(goroutines.message().endsWith("; top growth: " + deliverers), goroutines.message());
    CheckResult leaked = check(findings, CheckKind.LEAKED_GOROUTINES);
    assertEquals("goroutines the runtime proved leaked grew by 40 during phase \"api\" (before 5, after 45); "
        + "limit 0; top growth: " + deliverers, leaked.message());
    assertEquals(1, leaked.detail().goroutines().size());
    // AND the descriptor check names the upstream connections left open
    CheckResult fds = check(findings, CheckKind.FD_GROWTH);
    assertTrue(fds.message().endsWith("; top growth: +40 TCP sockets to 127.0.0.1:34165 (outbound, ESTABLISHED)"),
        fds.message());
    assertEquals(3, fds.detail().descriptors().size());
  }

  private static CheckResult check(RunFindings findings, CheckKind kind) {
    return findings.checks().stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
  }
}
