package io.ginpreflight.verdict;

import io.ginpreflight.model.BaselineFigure;
import io.ginpreflight.model.BaselineResult;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.GoroutineGroup;
import io.ginpreflight.model.IdleNoise;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.TrendKind;
import io.ginpreflight.model.TrendResult;
import io.ginpreflight.plan.BaselineCheck;
import io.ginpreflight.plan.GrowthCheck;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.plan.TrendCheck;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each probe as it comes: records its reading and, when it closes a judged window of the plan,
 * evaluates exactly the checks the plan lists for that window; after the last probe, the whole run's.
 * The results go to the run's findings.
 */
public final class Judge {

  private static final Logger LOG = LoggerFactory.getLogger(Judge.class);

  private final RunPlan plan;
  private final RequestCounts requests;
  private final LeakSites sites;
  private final RunFindings findings;
  private final Optional<ProbeReading> idle;

  /**
   * @param idle a probe taken with no load just before the run's first probe: with it, the noise of the
   *     target at rest is measured (empty: the noise floors alone are assumed)
   */
  public Judge(RunPlan plan, RequestCounts requests, LeakSites sites, RunFindings findings,
      Optional<ProbeReading> idle) {
    this.plan = plan;
    this.requests = requests;
    this.sites = sites;
    this.findings = findings;
    this.idle = idle;
  }

  /** Records a probe's reading and returns the verdicts it completes, in plan order. */
  public List<Verdict> record(ProbePoint probe, ProbeReading reading) {
    findings.add(reading);
    if (probe.index() == 0) {
      idle.ifPresent(before -> findings.setNoise(IdleNoise.between(before, reading)));
    }
    reading.death().ifPresent(death -> {
      String failure = "the target died before probe " + (probe.index() + 1) + " (" + probe.label() + "): " + death;
      if (findings.addFirstFailure(failure)) {
        LOG.error(failure);
      }
    });
    List<Verdict> verdicts = new ArrayList<>();
    plan.closedBy(probe.index()).filter(PhaseWindow::judged).ifPresent(w -> verdicts.addAll(judge(w, reading)));
    if (probe.index() == plan.lastProbe()) {
      verdicts.addAll(judgeWholeRun());
    }
    return verdicts;
  }

  private List<Verdict> judge(PhaseWindow window, ProbeReading closing) {
    ProbeReading baseline = findings.reading(window.baselineProbe()).orElseThrow();
    List<Verdict> verdicts = new ArrayList<>();
    for (GrowthCheck check : window.growthChecks()) {
      CheckResult result = withSites(GrowthRule.evaluate(check.kind(), window.phase(),
          baseline.get(check.kind().signal()), closing.get(check.kind().signal()), check.limit()), baseline, closing);
      findings.add(result);
      verdicts.add(verdict(result.recordName(), result.status(), result.message()));
    }
    RatePoints points = new RatePoints(findings, requests);
    for (TrendCheck check : window.trendChecks()) {
      String during = "during phase \"" + window.phase() + "\"";
      long windowRequests = points.requests(window);
      TrendResult rate = windowRequests < check.minRequests()
          ? RateRule.tooFewRequests(check.kind(), window.phase(), during, windowRequests, check.minRequests(),
              check.limit())
          : RateRule.evaluate(check.kind(), window.phase(), during, points.of(window, check.kind()), noise(check),
              check.limit(), "");
      rate = withSites(rate, baseline, closing);
      findings.add(rate);
      verdicts.add(verdict(rate.recordName(), rate.status(), rate.message()));
    }
    plan.baselineOf(window.phase()).ifPresent(check -> verdicts.addAll(baseline(check)));
    return verdicts;
  }

  /**
   * The phase's figures, just judged, against the earlier runs. A phase with too few of them writes no
   * record (nothing was judged, so nothing passes); the reports say so.
   */
  private List<Verdict> baseline(BaselineCheck check) {
    BaselineResult result = BaselineRule.evaluate(check, currentFigures(check.phase()));
    findings.add(result);
    Optional<Status> status = result.status().asStatus();
    if (status.isEmpty() || !check.judged()) {
      LOG.info("{} not judged: {}", check.recordName(), result.message());
      return List.of();
    }
    return List.of(verdict(check.recordName(), status.get(), result.message()));
  }

  /** What the baseline compares, as this run measured it; a figure left out was not measured. */
  private Map<BaselineFigure, BaselineRule.Current> currentFigures(String phase) {
    Map<BaselineFigure, BaselineRule.Current> figures = new EnumMap<>(BaselineFigure.class);
    for (TrendResult trend : findings.trends()) {
      if (trend.scope().equals(phase) && trend.rate() != null) {
        BaselineRule.Current current = new BaselineRule.Current(trend.rate(),
            trend.low() == null ? trend.rate() : trend.low());
        switch (trend.kind()) {
          case RETAINED_BYTES_PER_REQUEST -> figures.put(BaselineFigure.RETAINED_BYTES_PER_REQUEST, current);
          case GOROUTINES_PER_1000_REQUESTS -> figures.put(BaselineFigure.GOROUTINES_PER_1000_REQUESTS, current);
          default -> { }
        }
      }
    }
    for (CheckResult result : findings.checks()) {
      if (result.phase().equals(phase) && result.growth().isPresent()) {
        BaselineRule.Current current = BaselineRule.Current.count(result.growth().getAsLong());
        switch (result.kind()) {
          case FD_GROWTH -> figures.put(BaselineFigure.FD_GROWTH, current);
          case TEMP_FILE_GROWTH -> figures.put(BaselineFigure.TEMP_FILE_GROWTH, current);
          default -> { }
        }
      }
    }
    return figures;
  }

  private List<Verdict> judgeWholeRun() {
    RatePoints points = new RatePoints(findings, requests);
    List<Verdict> verdicts = new ArrayList<>();
    for (TrendCheck check : plan.wholeRunChecks()) {
      TrendResult rate = wholeRun(points, check);
      if (rate.status() == Status.KO) {
        rate = withSites(rate, contributing(points, check));
      }
      findings.add(rate);
      verdicts.add(verdict(rate.recordName(), rate.status(), rate.message()));
    }
    return verdicts;
  }

  /**
   * Every judged window, each counting only its own growth, less those that say nothing of a steady leak:
   * too few requests (as for their own rates), and growth that stopped by its last step (a plateau, at the
   * whole run's limit). With fewer than two left, the phases' own rates have said it all.
   */
  private TrendResult wholeRun(RatePoints points, TrendCheck check) {
    List<List<RatePoint>> segments = new ArrayList<>();
    List<String> rates = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    double noise = noise(check);
    for (PhaseWindow window : plan.windows().stream().filter(PhaseWindow::judged).toList()) {
      long windowRequests = points.requests(window);
      List<RatePoint> own = points.of(window, check.kind());
      if (windowRequests < check.minRequests()) {
        leftOut.add(window.phase() + " (" + RateText.count(windowRequests) + " requests)");
      } else if (plateau(window, check) || stopped(own, noise, check)) {
        leftOut.add(window.phase() + " (a plateau)");
      } else {
        segments.add(own);
        rates.add(window.phase() + " " + ownRate(own, check.kind()));
      }
    }
    String where = "over the whole run";
    if (segments.size() < 2) {
      return RateRule.notJudged(check.kind(), TrendResult.WHOLE_RUN, check.limit(), 0, "not judged "
          + RateText.per(check.kind()) + " " + where + ": " + segments.size() + " of the judged phases can be "
          + "joined, two are needed" + (leftOut.isEmpty() ? "" : "; left out: " + String.join(", ", leftOut)));
    }
    String detail = segments.size() + " judged phases: " + String.join(", ", rates)
        + (leftOut.isEmpty() ? "" : "; left out: " + String.join(", ", leftOut));
    return RateRule.acrossSegments(check.kind(), TrendResult.WHOLE_RUN, where, segments, noise, check.limit(),
        detail);
  }

  /** Growth above the whole run's limit that had stopped by the window's last step. */
  private static boolean stopped(List<RatePoint> own, double noise, TrendCheck check) {
    if (own.size() < 3 || own.stream().anyMatch(p -> !p.value().isMeasured())) {
      return false;
    }
    double perUnit = check.limit() / check.kind().perCount();
    RatePoint first = own.get(0);
    RatePoint last = own.get(own.size() - 1);
    double overall = last.count() <= 0 ? 0 : (last.value().value() - first.value().value()) / (double) last.count();
    return overall > perUnit && Plateau.of(own, noise, perUnit).reached();
  }

  private static String ownRate(List<RatePoint> own, TrendKind kind) {
    if (own.size() < 2 || own.stream().anyMatch(p -> !p.value().isMeasured())
        || own.get(own.size() - 1).count() <= 0) {
      return "unmeasured";
    }
    LineFit fit = LineFit.of(own.stream().map(p -> (double) p.count()).toList(),
        own.stream().map(p -> (double) p.value().value()).toList(), 0);
    return RateText.value(kind, fit.slope() * kind.perCount());
  }

  /** The growing sites of the contributing windows, each diffed between its own baseline and closing probe. */
  private List<SiteGrowth> contributing(RatePoints points, TrendCheck check) {
    List<SiteGrowth> all = new ArrayList<>();
    for (PhaseWindow window : plan.windows().stream().filter(PhaseWindow::judged).toList()) {
      Optional<ProbeReading> before = findings.reading(window.baselineProbe());
      Optional<ProbeReading> after = findings.reading(window.closingProbe());
      if (before.isPresent() && after.isPresent() && points.requests(window) >= check.minRequests()) {
        all.addAll(check.kind().isBytes() ? sites.heap(before.get(), after.get())
            : sites.goroutines(before.get(), after.get()));
      }
    }
    return SiteGrowth.merged(all, LeakSites.TOP);
  }

  private boolean plateau(PhaseWindow window, TrendCheck check) {
    return findings.trends().stream()
        .anyMatch(t -> t.scope().equals(window.phase()) && t.kind() == check.kind() && t.plateau());
  }

  /** The spread of one reading: the target's measured idle noise, never below the configured floor. */
  private double noise(TrendCheck check) {
    double measured = findings.noise().map(n -> n.spreadOf(check.kind().signal())).orElse(0.0);
    return Math.max(check.noiseFloor(), measured);
  }

  /** Names the code that grew; diffing profiles costs time, so only for checks that failed. */
  private CheckResult withSites(CheckResult result, ProbeReading before, ProbeReading after) {
    if (result.status() != Status.KO) {
      return result;
    }
    List<SiteGrowth> grown = switch (result.kind()) {
      case HEAP_GROWTH -> sites.heap(before, after);
      case GOROUTINE_GROWTH -> sites.goroutines(before, after);
      case LEAKED_GOROUTINES -> sites.leakedGoroutines(before, after);
      default -> List.of();
    };
    LeakDetail detail = switch (result.kind()) {
      case GOROUTINE_GROWTH -> LeakDetail.ofGoroutines(sites.goroutineGroups(before, after, grown));
      case LEAKED_GOROUTINES -> LeakDetail.ofGoroutines(sites.goroutineGroups(before, after, grown).stream()
          .filter(GoroutineGroup::provedLeaked).toList());
      case FD_GROWTH -> LeakDetail.ofDescriptors(sites.descriptors(before, after));
      case TEMP_FILE_GROWTH -> LeakDetail.ofTempFiles(sites.tempFiles(before, after));
      default -> LeakDetail.NONE;
    };
    return result.withTopSites(grown, clause(grown, detail)).withDetail(detail);
  }

  /** The largest group when there is one (it says state and creator), else the largest site. */
  private static String clause(List<SiteGrowth> grown, LeakDetail detail) {
    return detail.isEmpty() ? LeakSites.clause(grown) : "top growth: " + detail.largest();
  }

  private TrendResult withSites(TrendResult result, ProbeReading before, ProbeReading after) {
    if (result.status() != Status.KO) {
      return result;
    }
    if (result.kind().isBytes()) {
      return withSites(result, sites.heap(before, after));
    }
    List<SiteGrowth> grown = sites.goroutines(before, after);
    LeakDetail detail = LeakDetail.ofGoroutines(sites.goroutineGroups(before, after, grown));
    return result.withTopSites(grown, clause(grown, detail)).withDetail(detail);
  }

  private static TrendResult withSites(TrendResult result, List<SiteGrowth> grown) {
    return result.withTopSites(grown, LeakSites.clause(grown));
  }

  private Verdict verdict(String record, Status status, String message) {
    (status == Status.OK ? LOG.atInfo() : LOG.atWarn()).log("{} {}: {}", status, record, message);
    return Verdict.of(record, status, message, plan.inconclusiveFails());
  }
}
