package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.IdleNoise;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.TrendResult;
import io.ginpreflight.plan.GrowthCheck;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.plan.TrendCheck;
import java.util.ArrayList;
import java.util.List;
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
    return verdicts;
  }

  private List<Verdict> judgeWholeRun() {
    RatePoints points = new RatePoints(findings, requests);
    List<Verdict> verdicts = new ArrayList<>();
    for (TrendCheck check : plan.wholeRunChecks()) {
      // Left out: windows too small to judge per request alone, for the same reason, and windows whose own
      // rate was a plateau, whose growth is explained (it stopped) and would only hide a small steady leak.
      List<PhaseWindow> judged = plan.windows().stream()
          .filter(w -> w.judged() && points.requests(w) >= check.minRequests() && !plateau(w, check)).toList();
      if (judged.isEmpty()) {
        TrendResult none = RateRule.tooFewRequests(check.kind(), TrendResult.WHOLE_RUN, "over the whole run", 0,
            check.minRequests(), check.limit());
        findings.add(none);
        verdicts.add(verdict(none.recordName(), none.status(), none.message()));
        continue;
      }
      RatePoints.WholeRun run = points.wholeRun(judged, check.kind());
      TrendResult rate = RateRule.evaluate(check.kind(), TrendResult.WHOLE_RUN, "over the whole run",
          run.points(), noise(check), check.limit(), run.contributions(), false);
      Optional<ProbeReading> first = findings.reading(judged.get(0).baselineProbe());
      Optional<ProbeReading> last = findings.reading(judged.get(judged.size() - 1).closingProbe());
      if (first.isPresent() && last.isPresent()) {
        rate = withSites(rate, first.get(), last.get());
      }
      findings.add(rate);
      verdicts.add(verdict(rate.recordName(), rate.status(), rate.message()));
    }
    return verdicts;
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
      default -> List.of();
    };
    return result.withTopSites(grown, LeakSites.clause(grown));
  }

  private TrendResult withSites(TrendResult result, ProbeReading before, ProbeReading after) {
    if (result.status() != Status.KO) {
      return result;
    }
    List<SiteGrowth> grown = result.kind().isBytes() ? sites.heap(before, after) : sites.goroutines(before, after);
    return result.withTopSites(grown, LeakSites.clause(grown));
  }

  private Verdict verdict(String record, Status status, String message) {
    (status == Status.OK ? LOG.atInfo() : LOG.atWarn()).log("{} {}: {}", status, record, message);
    return Verdict.of(record, status, message, plan.inconclusiveFails());
  }
}
