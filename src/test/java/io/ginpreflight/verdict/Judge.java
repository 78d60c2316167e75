package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Measurement;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each probe as it comes: records its reading and, when it closes a judged window of the plan,
 * evaluates exactly the checks the plan lists for that window. The results go to the run's findings.
 */
public final class Judge {

  private static final Logger LOG = LoggerFactory.getLogger(Judge.class);

  private final RunPlan plan;
  private final RequestCounts requests;
  private final LeakSites sites;
  private final RunFindings findings;

  public Judge(RunPlan plan, RequestCounts requests, LeakSites sites, RunFindings findings) {
    this.plan = plan;
    this.requests = requests;
    this.sites = sites;
    this.findings = findings;
  }

  /** Records a probe's reading and returns the verdicts it completes, in plan order. */
  public List<Verdict> record(ProbePoint probe, ProbeReading reading) {
    findings.add(reading);
    reading.death().ifPresent(death -> {
      String failure = "the target died before probe " + (probe.index() + 1) + " (" + probe.label() + "): " + death;
      if (findings.addFirstFailure(failure)) {
        LOG.error(failure);
      }
    });
    return plan.closedBy(probe.index()).filter(PhaseWindow::judged).map(w -> judge(w, reading)).orElse(List.of());
  }

  private List<Verdict> judge(PhaseWindow window, ProbeReading closing) {
    ProbeReading baseline = findings.reading(window.baselineProbe()).orElseThrow();
    List<Verdict> verdicts = new ArrayList<>();
    for (GrowthCheck check : window.growthChecks()) {
      CheckResult result = withSites(GrowthRule.evaluate(check.kind(), window.phase(),
          baseline.get(check.kind().signal()), closing.get(check.kind().signal()), check.limit()), baseline, closing);
      findings.add(result);
      log(result.status(), result.recordName(), result.message());
      verdicts.add(Verdict.of(result.recordName(), result.status(), result.message(), plan.inconclusiveFails()));
    }
    List<Long> roundRequests = window.roundScenarios().stream().map(requests::requests).toList();
    for (TrendCheck check : window.trendChecks()) {
      List<Measurement> values = window.roundProbes().stream()
          .map(i -> findings.reading(i).orElseThrow().get(check.kind().signal())).toList();
      TrendResult trend = TrendRule.evaluate(check.kind(), window.phase(), values, roundRequests, check.limit());
      findings.add(trend);
      log(trend.status(), trend.recordName(), trend.message());
      verdicts.add(Verdict.of(trend.recordName(), trend.status(), trend.message(), plan.inconclusiveFails()));
    }
    return verdicts;
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

  private static void log(Status status, String record, String message) {
    (status == Status.OK ? LOG.atInfo() : LOG.atWarn()).log("{} {}: {}", status, record, message);
  }
}
