package io.ginpreflight;

import io.ginpreflight.gatling.RequestCounter;
import io.ginpreflight.gatling.VerdictRecord;
import io.ginpreflight.verdict.CheckKind;
import io.ginpreflight.verdict.CheckResult;
import io.ginpreflight.verdict.CheckStatus;
import io.ginpreflight.verdict.GrowthRule;
import io.ginpreflight.verdict.Limits;
import io.ginpreflight.verdict.TrendKind;
import io.ginpreflight.verdict.TrendResult;
import io.ginpreflight.verdict.TrendRule;
import io.ginpreflight.report.SiteRecord;
import io.ginpreflight.watch.LeakSites;
import io.ginpreflight.watch.Measurement;
import io.ginpreflight.watch.ProbeReading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The readings of a run's probes and the verdicts judged from them, in the order they were taken. */
public final class Verdicts {

  private static final Logger LOG = LoggerFactory.getLogger(Verdicts.class);

  private final RequestCounter requests;
  private final LeakSites sites;
  private final Map<Integer, ProbeReading> readings = new ConcurrentHashMap<>();
  private final List<CheckResult> checks = new CopyOnWriteArrayList<>();
  private final List<TrendResult> trends = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();

  Verdicts(RequestCounter requests, LeakSites sites) {
    this.requests = requests;
    this.sites = sites;
  }

  List<VerdictRecord> record(Boundary boundary, ProbeReading reading, Limits limits) {
    readings.put(boundary.index(), reading);
    reading.death().ifPresent(death -> {
      if (failures.isEmpty()) {
        String failure = "the target died before probe " + (boundary.index() + 1) + " (" + boundary.label()
            + "): " + death;
        failures.add(failure);
        LOG.error(failure);
      }
    });
    if (boundary.closes().isEmpty() || !boundary.closes().get().isJudged()) {
      return List.of();
    }
    Phase phase = boundary.closes().get();
    ProbeReading before = readings.get(boundary.baselineIndex());
    List<VerdictRecord> records = new ArrayList<>();
    for (CheckKind kind : CheckKind.values()) {
      OptionalLong limit = limits.limitFor(kind);
      if (limit.isEmpty()) {
        continue;
      }
      CheckResult result = withSites(GrowthRule.evaluate(kind, phase.name(), before.get(kind.signal()),
          reading.get(kind.signal()), limit.getAsLong()), before, reading);
      checks.add(result);
      log(result.status(), result.recordName(), result.message());
      records.add(VerdictRecord.of(result, limits.inconclusiveFails()));
    }
    if (phase.rounds() > 1) {
      List<Long> roundRequests = boundary.roundScenarios().stream().map(requests::requests).toList();
      for (TrendKind kind : TrendKind.values()) {
        List<Measurement> values = boundary.roundIndexes().stream()
            .map(i -> readings.get(i).get(kind.signal())).toList();
        double limit = kind == TrendKind.RETAINED_BYTES_PER_REQUEST
            ? limits.retainedBytesPerRequest() : limits.goroutinesPer1000Requests();
        TrendResult trend = TrendRule.evaluate(kind, phase.name(), values, roundRequests, limit);
        trends.add(trend);
        log(trend.status(), trend.recordName(), trend.message());
        records.add(VerdictRecord.of(trend, limits.inconclusiveFails()));
      }
    }
    return records;
  }

  /** Names the code that grew; diffing profiles costs time, so only for checks that failed. */
  private CheckResult withSites(CheckResult result, ProbeReading before, ProbeReading after) {
    if (result.status() != CheckStatus.KO) {
      return result;
    }
    List<SiteRecord> grown = switch (result.kind()) {
      case HEAP_GROWTH -> sites.heap(before, after);
      case GOROUTINE_GROWTH -> sites.goroutines(before, after);
      default -> List.of();
    };
    return result.withTopSites(grown, LeakSites.clause(grown));
  }

  private static void log(CheckStatus status, String record, String message) {
    (status == CheckStatus.OK ? LOG.atInfo() : LOG.atWarn()).log("{} {}: {}", status, record, message);
  }

  public List<ProbeReading> readings() {
    return readings.values().stream().sorted(Comparator.comparingInt(ProbeReading::index)).toList();
  }

  public List<CheckResult> checks() {
    return List.copyOf(checks);
  }

  public List<TrendResult> trends() {
    return List.copyOf(trends);
  }

  public List<String> failures() {
    return List.copyOf(failures);
  }

  String summary() {
    long failedChecks = checks.stream().filter(c -> c.status() != CheckStatus.OK).count()
        + trends.stream().filter(t -> t.status() != CheckStatus.OK).count();
    return (checks.size() + trends.size()) + " memory checks, " + failedChecks + " not OK"
        + (failures.isEmpty() ? "" : ", " + failures.size() + " run failure(s)");
  }
}
