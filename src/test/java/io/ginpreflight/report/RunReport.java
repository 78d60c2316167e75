package io.ginpreflight.report;

import io.ginpreflight.model.BaselineResult;
import io.ginpreflight.model.BaselineStatus;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.IdleNoise;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.TrendKind;
import io.ginpreflight.model.TrendResult;
import io.ginpreflight.model.Unit;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.RunPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns what a run recorded into {@link MemoryReport}, the data behind memory.json, .html and JUnit. */
public final class RunReport {

  private RunReport() {}

  public static MemoryReport of(RunFacts facts, Instant endedAt) {
    RunFindings findings = facts.findings();
    List<ProbeReading> probeReadings = findings.readings();
    Map<Integer, ProbeReading> readings = probeReadings.stream()
        .collect(Collectors.toMap(ProbeReading::index, r -> r));
    List<String> failures = new ArrayList<>(findings.failures());
    List<CheckRecord> checks = findings.checks().stream().map(RunReport::check).toList();
    List<TrendRecord> trends = trends(findings.trends(), facts.plan());
    if (checks.isEmpty() && trends.isEmpty() && failures.isEmpty()) {
      failures.add("no memory check was recorded: the run ended before its first phase was judged");
    }
    List<BaselineResult> baselines = findings.baselines();
    // A baseline not judged (too few earlier runs) fails nothing; one judged must pass like any check.
    boolean passed = failures.isEmpty() && checks.stream().allMatch(CheckRecord::passed)
        && trends.stream().allMatch(t -> t.status() == Status.OK)
        && baselines.stream().allMatch(b -> b.status() == BaselineStatus.OK || b.status() == BaselineStatus.NOT_JUDGED);
    return new MemoryReport(MemoryReport.SCHEMA_VERSION, facts.simulation(), facts.runId(), facts.startedAt(),
        endedAt, facts.target(), facts.signals(), passed ? RunVerdict.PASS : RunVerdict.FAIL, failures, phases(facts, readings),
        probeReadings.stream().map(RunReport::probe).toList(), checks, trends, "samples.jsonl",
        noise(findings), facts.build(), facts.knownLeaks(), facts.identity(), baselines);
  }

  private static CheckRecord check(CheckResult result) {
    Long before = result.before().isPresent() ? result.before().getAsLong() : null;
    Long after = result.after().isPresent() ? result.after().getAsLong() : null;
    Long growth = result.growth().isPresent() ? result.growth().getAsLong() : null;
    return new CheckRecord(result.recordName(), result.kind().checkName(), result.phase(), result.status(),
        before, after, growth, result.growthPercent(), result.limit(),
        result.kind().unit(), result.message(), result.topSites(), result.detail());
  }

  /** One trend record per phase (and one for the whole run), its rates side by side; the worse status wins. */
  private static List<TrendRecord> trends(List<TrendResult> results, RunPlan plan) {
    Map<String, List<TrendResult>> byScope = new LinkedHashMap<>();
    results.forEach(r -> byScope.computeIfAbsent(r.scope(), p -> new ArrayList<>()).add(r));
    List<TrendRecord> records = new ArrayList<>();
    byScope.forEach((scope, list) -> {
      Optional<TrendResult> bytes = find(list, TrendKind.RETAINED_BYTES_PER_REQUEST);
      Optional<TrendResult> goroutines = find(list, TrendKind.GOROUTINES_PER_1000_REQUESTS);
      Status worst = list.stream().map(TrendResult::status)
          .max((a, b) -> Integer.compare(rank(a), rank(b))).orElse(Status.INCONCLUSIVE);
      int rounds = plan.windows().stream().filter(w -> w.phase().equals(scope)).mapToInt(PhaseWindow::rounds)
          .findFirst().orElse(0);
      long requests = bytes.or(() -> goroutines).map(TrendResult::count).orElse(0L);
      long requestsPerRound = rounds == 0 ? 0 : requests / Math.max(1, rounds - 1);
      records.add(new TrendRecord(scope, rounds, requestsPerRound,
          bytes.map(TrendResult::rate).orElse(null), goroutines.map(TrendResult::rate).orElse(null),
          bytes.map(TrendResult::limit).orElse(0.0), goroutines.map(TrendResult::limit).orElse(0.0),
          worst, list.stream().map(TrendResult::message).collect(Collectors.joining("; ")),
          list.stream().map(RunReport::rate).toList()));
    });
    return records;
  }

  private static Optional<TrendResult> find(List<TrendResult> results, TrendKind kind) {
    return results.stream().filter(r -> r.kind() == kind).findFirst();
  }

  private static RateRecord rate(TrendResult r) {
    return new RateRecord(r.recordName(), r.status(), r.rate(), r.low(), r.high(), r.limit(),
        r.kind().isBytes() ? Unit.BYTES : Unit.COUNT,
        r.kind().per().one(), r.kind().perCount(), r.probes(), r.count(), r.noise(), r.message(), r.topSites(), r.detail());
  }

  /** What the idle probes measured, and the spread the rates assumed (the largest any rate used). */
  private static NoiseRecord noise(RunFindings findings) {
    Optional<IdleNoise> idle = findings.noise();
    double heap = findings.trends().stream().filter(t -> t.kind().isBytes()).mapToDouble(TrendResult::noise)
        .max().orElse(0);
    double goroutines = findings.trends().stream().filter(t -> !t.kind().isBytes())
        .mapToDouble(TrendResult::noise).max().orElse(0);
    return new NoiseRecord(
        idle.filter(n -> n.heapDifference().isMeasured()).map(n -> n.heapDifference().value()).orElse(null),
        idle.filter(n -> n.goroutineDifference().isMeasured()).map(n -> n.goroutineDifference().value()).orElse(null),
        idle.map(n -> n.apart().toMillis()).orElse(0L), heap, goroutines);
  }

  private static int rank(Status status) {
    return switch (status) {
      case OK -> 0;
      case INCONCLUSIVE -> 1;
      case KO -> 2;
    };
  }

  private static ProbeRecord probe(ProbeReading reading) {
    Map<String, String> unavailable = new LinkedHashMap<>();
    reading.afterGc().failures().forEach((signal, why) -> unavailable.put(signal.jsonName(), why));
    reading.death().ifPresent(death -> unavailable.put("target", "died: " + death));
    return new ProbeRecord(reading.index(), reading.label(), reading.takenAt(), reading.took().toMillis(),
        reading.settled(), reading.settleNote(), reading.beforeGc().values(), reading.afterGc().values(),
        unavailable, reading.profiles());
  }

  /**
   * A phase runs from the end of the probe before its first round to the start of the probe after its
   * last; its profiles are diffed between the plan's baseline and closing probes, as its verdict is.
   */
  private static List<PhaseRecord> phases(RunFacts facts, Map<Integer, ProbeReading> readings) {
    List<PhaseRecord> phases = new ArrayList<>();
    for (PhaseWindow window : facts.plan().windows()) {
      ProbeReading open = readings.get(window.openingProbe());
      ProbeReading close = readings.get(window.closingProbe());
      Instant start = open == null ? null : open.takenAt().plus(open.took());
      Instant end = close == null ? null : close.takenAt();
      long requests = window.roundScenarios().stream().mapToLong(facts.requests()::requests).sum();
      phases.add(new PhaseRecord(window.phase(), window.judged(), window.rounds(), start, end, requests,
          window.baselineProbe(), window.closingProbe()));
    }
    return phases;
  }
}
