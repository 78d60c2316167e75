package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.RateCheck;
import io.ginpreflight.plan.RunPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole run's rates, once its last phase is decided: every judged phase joined, each counting only its own
 * growth through the rounds it ran, less those that say nothing of a steady leak: too few requests (as for
 * their own rates), and growth that stopped by its last step (a plateau, at the whole run's limit). With fewer
 * than two left, the phases' own rates have said it all.
 */
final class WholeRun {

  private WholeRun() {}

  /**
   * @param rates each phase's final rates: a phase whose own rate reached a plateau is left out
   */
  static CheckResult judge(RateCheck check, RunPlan plan, ProbesSoFar probes, RequestCounts requests,
      Map<String, List<CheckResult>> rates, LeakSites sites) {
    RatePoints points = probes.points(requests);
    List<List<RatePoint>> segments = new ArrayList<>();
    List<LeakSites.Span> spans = new ArrayList<>();
    List<String> ownRates = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    double noise = probes.noise(check);
    for (PhaseWindow window : plan.judgedWindows()) {
      ProbesSoFar.Closed end = probes.closed(window).orElse(null);
      if (end == null) {
        continue;
      }
      long windowRequests = points.requests(window, end.roundsRun());
      List<RatePoint> own = points.of(window, check.kind(), probes.baselineOf(window), end.roundsRun(), end.probe());
      if (windowRequests < check.minRequests()) {
        leftOut.add(window.phase() + " (" + RateText.count(windowRequests) + " requests)");
      } else if (plateau(rates.getOrDefault(window.phase(), List.of()), check) || stopped(own, noise, check)) {
        leftOut.add(window.phase() + " (a plateau)");
      } else {
        segments.add(own);
        spans.add(new LeakSites.Span(probes.profiles(probes.baselineOf(window)), probes.profiles(end.probe())));
        ownRates.add(window.phase() + " " + ownRate(own, check.kind()));
      }
    }
    String scope = CheckResult.WHOLE_RUN;
    if (segments.size() < 2) {
      return RateRule.notJudged(check.kind(), scope, check.limit(), 0, "not judged " + RateText.per(check.kind())
          + " " + RateText.scope(scope) + ": " + segments.size() + " of the judged phases can be joined, two are "
          + "needed" + (leftOut.isEmpty() ? "" : "; left out: " + String.join(", ", leftOut)));
    }
    String detail = segments.size() + " judged phases: " + String.join(", ", ownRates)
        + (leftOut.isEmpty() ? "" : "; left out: " + String.join(", ", leftOut));
    Look look = Look.last(check.kind().isBytes() ? 0 : probes.jitter(), true, Duration.ZERO, "at the end of the run");
    return RateRule.acrossSegments(check.kind(), scope, segments, noise, check.limit(), detail, look,
        () -> sites.across(check.kind(), spans));
  }

  /** Growth above the whole run's limit that had stopped by the window's last step. */
  private static boolean stopped(List<RatePoint> own, double noise, RateCheck check) {
    if (own.size() < 3 || own.stream().anyMatch(p -> !p.value().isMeasured())) {
      return false;
    }
    double perUnit = check.limit() / check.kind().perCount();
    RatePoint first = own.get(0);
    RatePoint last = own.get(own.size() - 1);
    double overall = last.count() <= 0 ? 0 : (last.value().value() - first.value().value()) / (double) last.count();
    return overall > perUnit && Plateau.of(own, noise, perUnit).reached();
  }

  private static String ownRate(List<RatePoint> own, CheckKind kind) {
    if (own.size() < 2 || own.stream().anyMatch(p -> !p.value().isMeasured())
        || own.get(own.size() - 1).count() <= 0) {
      return "unmeasured";
    }
    LineFit fit = LineFit.of(own.stream().map(p -> (double) p.count()).toList(),
        own.stream().map(p -> (double) p.value().value()).toList(), 0);
    return kind.format(fit.slope() * kind.perCount());
  }

  /** Whether the phase's own rate of this kind had reached a plateau. */
  private static boolean plateau(List<CheckResult> phaseRates, RateCheck check) {
    return phaseRates.stream()
        .anyMatch(r -> r.kind() == check.kind() && Boolean.TRUE.equals(r.figures().plateau()));
  }
}
