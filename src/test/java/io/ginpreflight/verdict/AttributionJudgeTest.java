package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.AttributedGroup;
import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.BaselineHistory;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RequestPart;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Snapshot;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.AttributionPlan;
import io.ginpreflight.plan.AttributionSettings;
import io.ginpreflight.plan.BaselineSettings;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.PlannedPhase;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.plan.Sequencing;
import io.ginpreflight.signal.SiteContext;
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
 * The judge with an attribution: a phase whose rate failed is not final at its last round; rounds after it drive
 * its requests one by one, and its checks are final, leading with what they found, after the last of them.
 */
class AttributionJudgeTest {

  private static final Limits DEFAULTS =
      Limits.from(PreflightConfig.from(ConfigFactory.parseMap(Map.of()), Optional.empty()));
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final List<RequestPart> PARTS = List.of(RequestPart.request("cart: read", "GET", "/carts/#{seq}", 1),
      RequestPart.request("cart: add", "POST", "/carts/#{seq}/items", 1),
      RequestPart.request("search", "GET", "/search?q=#{seq}", 1));
  /** 3,000 requests (1,000 journeys of 3) in every phase round, 1,000 in every attribution round. */
  private static final RequestCounts COUNTS = new RequestCounts() {
    @Override
    public long requests(String scenario) {
      return scenario.contains("attribution") ? 1_000 : 3_000;
    }

    @Override
    public long journeys(String scenario) {
      return 1_000;
    }
  };
  private static final RunPlan PLAN = RunPlan.of(List.of(new PlannedPhase("binding", true, 3, 3, DEFAULTS, "",
      PARTS)), DEFAULTS, Set.of(), BaselineSettings.OFF, BaselineHistory.empty("off"), Sequencing.NONE,
      new AttributionSettings(Optional.of(Duration.ofMinutes(2))));

  @Test
  void aFailedRateIsFinalOnlyAfterItsRequestsWereDrivenApartAndLeadsWithTheOneThatKeptIt() {
    // GIVEN "cart: add" keeps 300 B each time, the others nothing: 100 B per request of the family; each round alone
    // sends 1,000 requests, so with the 8 KiB noise floor a request keeping nothing reads 0 ± 23 B
    RunFindings findings = new RunFindings();
    Judge judge = new Judge(PLAN, COUNTS, new LeakSites(SiteContext.unknown()), findings, Optional::empty);
    PhaseWindow binding = PLAN.windows().get(0);
    AttributionPlan laidOut = PLAN.attributionOf("binding").orElseThrow();
    long[] heap = {10_000_000, 10_300_000, 10_600_000, 10_900_000};
    for (int probe = 0; probe < 4; probe++) {
      Judge.Step step = judge.record(PLAN.probe(probe), probe(probe, heap[probe]));
      assertTrue(step.checks().isEmpty() && step.decided().isEmpty(), "probe " + probe + ": " + step);
    }
    // WHEN the phase is decided, its first attribution round drives "cart: read" alone
    assertTrue(judge.runsAttribution(binding, 1));
    assertTrue(judge.attributionDrives(binding, 1, 0));
    assertFalse(judge.attributionDrives(binding, 1, 1));
    assertFalse(judge.runsAttribution(binding, 2));
    assertEquals("binding attribution 1: cart: read", judge.attributionGroup(binding, 1));
    long[] rounds = {10_900_000, 11_200_000, 11_200_000};
    Judge.Step last = Judge.Step.NONE;
    for (int round = 1; round <= 3; round++) {
      ProbePoint point = PLAN.probe(laidOut.slot(round).probe());
      assertTrue(judge.takes(point));
      last = judge.record(point, probe(point.index(), rounds[round - 1]));
    }

    // THEN the phase is decided after the third round, its KO leading with the request that kept it
    assertEquals(Optional.of(binding), last.decided());
    CheckResult rate = last.checks().stream().filter(c -> c.kind() == CheckKind.RETAINED_BYTES_PER_REQUEST)
        .findFirst().orElseThrow();
    assertEquals(Status.KO, rate.status());
    assertTrue(rate.message().startsWith("heap retained 100 B per request in phase \"binding\"; 300 B per \"cart: add\" "
        + "request (POST /carts/#{seq}/items); the other 2 requests of binding at most 23 B each; 95 % interval"),
        rate.message());
    Attribution found = rate.detail().attribution();
    assertEquals(Attribution.Outcome.LOCATED, found.outcome());
    assertEquals(List.of(AttributedGroup.Share.NONE_SHOWN, AttributedGroup.Share.RETAINS,
        AttributedGroup.Share.NONE_SHOWN), found.groups().stream().map(AttributedGroup::share).toList());
    assertEquals(300, found.groups().get(1).rate(), 1e-9);
    assertTrue(findings.checks().contains(rate), "the reports get the attributed check");
  }

  @Test
  void aLeakWhoseOwnStepsSpreadThePhasesLineByMegabytesIsStillFoundAlone() {
    // GIVEN a phase whose line is spread by the leak's own steps (3, 1 and 6 MB a round: a map doubling), 2 MB
    // between its probes and its line: read with that spread, a round of 1,000 requests alone would not resolve
    // 4 KiB a request
    RunFindings findings = new RunFindings();
    Judge judge = new Judge(PLAN, COUNTS, new LeakSites(SiteContext.unknown()), findings, Optional::empty);
    long[] heap = {10_000_000, 13_000_000, 14_000_000, 20_000_000};
    for (int probe = 0; probe < 4; probe++) {
      judge.record(PLAN.probe(probe), probe(probe, heap[probe]));
    }
    CheckResult phase = findings.checks().isEmpty() ? null : findings.checks().get(0);
    // WHEN "cart: add" keeps 4.2 KB each time it is sent alone, the others nothing
    AttributionPlan laidOut = PLAN.attributionOf("binding").orElseThrow();
    long[] rounds = {20_000_000, 24_200_000, 24_200_000};
    Judge.Step last = Judge.Step.NONE;
    for (int round = 1; round <= 3; round++) {
      ProbePoint point = PLAN.probe(laidOut.slot(round).probe());
      last = judge.record(point, probe(point.index(), rounds[round - 1]));
    }
    // THEN the rounds are read with the background's spread at most (64 KiB), not the leak's: it is found
    CheckResult rate = last.checks().stream().filter(c -> c.kind() == CheckKind.RETAINED_BYTES_PER_REQUEST)
        .findFirst().orElseThrow(() -> new AssertionError(String.valueOf(phase)));
    assertTrue(rate.figures().noise() > 2_000_000, "the phase's own line spread: " + rate.figures().noise());
    assertEquals(Attribution.Outcome.LOCATED, rate.detail().attribution().outcome(), rate.message());
    assertTrue(rate.message().contains("; 4.1 KiB per \"cart: add\" request (POST /carts/#{seq}/items); the other 2 "
        + "requests of binding at most 182 B each"), rate.message());
  }

  @Test
  void aPhaseWhoseRatesPassRunsNoAttribution() {
    RunFindings findings = new RunFindings();
    Judge judge = new Judge(PLAN, COUNTS, new LeakSites(SiteContext.unknown()), findings, Optional::empty);
    Judge.Step last = Judge.Step.NONE;
    for (int probe = 0; probe < 4; probe++) {
      last = judge.record(PLAN.probe(probe), probe(probe, 10_000_000 + probe * 100));
    }
    PhaseWindow binding = PLAN.windows().get(0);
    assertEquals(Optional.of(binding), last.decided());
    assertFalse(judge.runsAttribution(binding, 1));
    assertFalse(judge.takes(PLAN.probe(PLAN.attributionOf("binding").orElseThrow().slot(1).probe())));
  }

  private static Probe probe(int index, long heap) {
    Instant at = START.plusSeconds(10L * index);
    Snapshot values = new Snapshot(at, Map.of(Signal.POST_GC_HEAP_BYTES, Measurement.of(heap),
        Signal.GOROUTINES, Measurement.of(20)));
    return new Probe(new ProbeReading(index, "probe " + index, at, Duration.ofMillis(300), true, "", values, values,
        Map.of(), Optional.empty()), ProbeProfiles.NONE);
  }
}
