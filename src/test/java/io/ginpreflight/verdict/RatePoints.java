package io.ginpreflight.verdict;

import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.TrendKind;
import io.ginpreflight.plan.PhaseWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * The points a rate is fitted through: a window's baseline probe and the probe after each later round,
 * against the requests (or virtual users) counted since the baseline. For the whole run, the judged
 * windows one after another, each counting only its own growth: warm-ups and the phases between are
 * allowed to fill caches.
 */
final class RatePoints {

  /** The whole run's points, and one phrase naming each judged phase's own rate. */
  record WholeRun(List<RatePoint> points, String contributions) {}

  private final RunFindings findings;
  private final RequestCounts requests;

  RatePoints(RunFindings findings, RequestCounts requests) {
    this.findings = findings;
    this.requests = requests;
  }

  List<RatePoint> of(PhaseWindow window, TrendKind kind) {
    List<RatePoint> points = new ArrayList<>();
    points.add(new RatePoint(0, value(window.baselineProbe(), kind)));
    long count = 0;
    for (int round = firstJudgedRound(window); round < window.rounds(); round++) {
      count += count(window.roundScenarios().get(round), kind);
      points.add(new RatePoint(count, value(window.roundProbes().get(round), kind)));
    }
    return points;
  }

  WholeRun wholeRun(List<PhaseWindow> judged, TrendKind kind) {
    List<RatePoint> points = new ArrayList<>();
    List<String> phrases = new ArrayList<>();
    long offsetCount = 0;
    long offsetValue = 0;
    for (PhaseWindow window : judged) {
      List<RatePoint> own = of(window, kind);
      Measurement start = own.get(0).value();
      if (!start.isMeasured()) {
        points.add(new RatePoint(offsetCount, start));
        continue;
      }
      for (int i = points.isEmpty() ? 0 : 1; i < own.size(); i++) {
        RatePoint p = own.get(i);
        Measurement shifted = p.value().isMeasured()
            ? Measurement.of(offsetValue + p.value().value() - start.value()) : p.value();
        points.add(new RatePoint(offsetCount + p.count(), shifted));
      }
      RatePoint end = own.get(own.size() - 1);
      if (end.count() > 0 && end.value().isMeasured()) {
        double rate = (end.value().value() - start.value()) * (double) kind.perCount() / end.count();
        phrases.add(window.phase() + " " + RateText.value(kind, rate));
        offsetValue += end.value().value() - start.value();
      }
      offsetCount += end.count();
    }
    String contributions = judged.size() + " judged phases" + (phrases.isEmpty() ? "" : ": " + String.join(", ", phrases));
    return new WholeRun(points, contributions);
  }

  /** The requests of a window's judged rounds: what its rates are divided by. */
  long requests(PhaseWindow window) {
    long total = 0;
    for (int round = firstJudgedRound(window); round < window.rounds(); round++) {
      total += requests.requests(window.roundScenarios().get(round));
    }
    return total;
  }

  /** With rounds, round 1 is warm-up and the baseline is after it; with one round, that round is judged. */
  private static int firstJudgedRound(PhaseWindow window) {
    return window.rounds() > 1 ? 1 : 0;
  }

  private long count(String scenario, TrendKind kind) {
    return kind.per() == TrendKind.Per.VIRTUAL_USER ? requests.journeys(scenario) : requests.requests(scenario);
  }

  private Measurement value(int probe, TrendKind kind) {
    return findings.reading(probe).map(r -> r.get(kind.signal()))
        .orElse(Measurement.failed("probe " + (probe + 1) + " was not taken"));
  }
}
