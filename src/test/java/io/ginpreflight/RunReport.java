package io.ginpreflight;

import io.ginpreflight.report.CheckRecord;
import io.ginpreflight.report.MemoryReport;
import io.ginpreflight.report.PhaseRecord;
import io.ginpreflight.report.ProbeRecord;
import io.ginpreflight.report.TrendRecord;
import io.ginpreflight.verdict.CheckResult;
import io.ginpreflight.verdict.CheckStatus;
import io.ginpreflight.verdict.TrendKind;
import io.ginpreflight.verdict.TrendResult;
import io.ginpreflight.verdict.Unit;
import io.ginpreflight.watch.ProbeReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns what a run recorded into {@link MemoryReport}, the data behind memory.json, .html and JUnit. */
final class RunReport {

  private RunReport() {}

  static MemoryReport of(PreflightRun run, List<Boundary> plan, Map<String, String> signals, String runId,
      Instant endedAt) {
    Verdicts verdicts = run.verdicts();
    Map<Integer, ProbeReading> readings = verdicts.readings().stream()
        .collect(Collectors.toMap(ProbeReading::index, r -> r));
    List<String> failures = new ArrayList<>(verdicts.failures());
    List<CheckRecord> checks = verdicts.checks().stream().map(RunReport::check).toList();
    List<TrendRecord> trends = trends(verdicts.trends());
    if (checks.isEmpty() && trends.isEmpty() && failures.isEmpty()) {
      failures.add("no memory check was recorded: the run ended before its first phase was judged");
    }
    boolean passed = failures.isEmpty() && checks.stream().allMatch(CheckRecord::passed)
        && trends.stream().allMatch(t -> "OK".equals(t.status()));
    return new MemoryReport(MemoryReport.SCHEMA_VERSION, run.simulation(), runId, run.startedAt(), endedAt,
        run.target().description(), signals, passed ? "PASS" : "FAIL", failures, phases(run, plan, readings),
        verdicts.readings().stream().map(RunReport::probe).toList(), checks, trends, "samples.jsonl");
  }

  private static CheckRecord check(CheckResult result) {
    Long before = result.before().isPresent() ? result.before().getAsLong() : null;
    Long after = result.after().isPresent() ? result.after().getAsLong() : null;
    Long growth = result.growth().isPresent() ? result.growth().getAsLong() : null;
    return new CheckRecord(result.recordName(), result.kind().checkName(), result.phase(), result.status().name(),
        before, after, growth, result.growthPercent(), result.limit(),
        result.kind().unit() == Unit.BYTES ? "bytes" : "count", result.message(), result.topSites());
  }

  /** One trend record per phase, both rates side by side; the worse status wins. */
  private static List<TrendRecord> trends(List<TrendResult> results) {
    Map<String, List<TrendResult>> byPhase = new LinkedHashMap<>();
    results.forEach(r -> byPhase.computeIfAbsent(r.phase(), p -> new ArrayList<>()).add(r));
    List<TrendRecord> records = new ArrayList<>();
    byPhase.forEach((phase, list) -> {
      Optional<TrendResult> bytes = list.stream().filter(r -> r.kind() == TrendKind.RETAINED_BYTES_PER_REQUEST).findFirst();
      Optional<TrendResult> goroutines =
          list.stream().filter(r -> r.kind() == TrendKind.GOROUTINES_PER_1000_REQUESTS).findFirst();
      CheckStatus worst = list.stream().map(TrendResult::status)
          .max((a, b) -> Integer.compare(rank(a), rank(b))).orElse(CheckStatus.INCONCLUSIVE);
      records.add(new TrendRecord(phase, list.get(0).rounds(), list.get(0).requestsPerRound(),
          bytes.map(TrendResult::rate).orElse(null), goroutines.map(TrendResult::rate).orElse(null),
          bytes.map(TrendResult::limit).orElse(0.0), goroutines.map(TrendResult::limit).orElse(0.0),
          worst.name(), list.stream().map(TrendResult::message).collect(Collectors.joining("; "))));
    });
    return records;
  }

  private static int rank(CheckStatus status) {
    return switch (status) {
      case OK -> 0;
      case INCONCLUSIVE -> 1;
      case KO -> 2;
    };
  }

  private static ProbeRecord probe(ProbeReading reading) {
    Map<String, String> unavailable = new LinkedHashMap<>(reading.afterGc().failures());
    reading.death().ifPresent(death -> unavailable.put("target", "died: " + death));
    return new ProbeRecord(reading.index(), reading.label(), reading.takenAt(), reading.took().toMillis(),
        reading.settled(), reading.settleNote(), reading.beforeGc().values(), reading.afterGc().values(),
        unavailable, reading.profiles());
  }

  /** A phase runs from the end of the probe before its first round to the start of the probe after its last. */
  private static List<PhaseRecord> phases(PreflightRun run, List<Boundary> plan, Map<Integer, ProbeReading> readings) {
    List<PhaseRecord> phases = new ArrayList<>();
    for (Boundary boundary : plan) {
      if (boundary.closes().isEmpty()) {
        continue;
      }
      Phase phase = boundary.closes().get();
      int opening = boundary.roundIndexes().get(0) - 1;
      ProbeReading open = readings.get(opening);
      ProbeReading close = readings.get(boundary.index());
      Instant start = open == null ? null : open.takenAt().plus(open.took());
      Instant end = close == null ? null : close.takenAt();
      long requests = boundary.roundScenarios().stream().mapToLong(run.requestCounter()::requests).sum();
      phases.add(new PhaseRecord(phase.name(), phase.isJudged(), phase.rounds(), start, end, requests));
    }
    return phases;
  }
}
