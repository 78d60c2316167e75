package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.plan.PhaseWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The points a rate is fitted through: a window's baseline probe (with one round, the probe before it, as the
 * run decided it) and the probe after each later round, against the requests (or virtual users) counted since
 * the baseline.
 */
final class RatePoints {

  private final IntFunction<Optional<ProbeReading>> readings;
  private final RequestCounts requests;

  /** @param readings the reading of a probe, by index; empty when it was not taken */
  RatePoints(IntFunction<Optional<ProbeReading>> readings, RequestCounts requests) {
    this.readings = readings;
    this.requests = requests;
  }

  /**
   * The baseline and the probe after each judged round through {@code throughRound}; the last point read at
   * {@code lastProbe} (the probe after that round, or the phase's second look: no load between them).
   */
  List<RatePoint> of(PhaseWindow window, CheckKind kind, int baselineProbe, int throughRound, int lastProbe) {
    List<RatePoint> points = new ArrayList<>();
    points.add(new RatePoint(baselineProbe, 0, value(baselineProbe, kind)));
    long count = 0;
    for (int round = firstJudgedRound(window); round < throughRound; round++) {
      count += count(window.roundScenarios().get(round), kind);
      int probe = round == throughRound - 1 ? lastProbe : window.roundProbes().get(round);
      points.add(new RatePoint(probe, count, value(probe, kind)));
    }
    return points;
  }

  /** The requests of a window's judged rounds through {@code throughRound}: what its rates are divided by. */
  long requests(PhaseWindow window, int throughRound) {
    long total = 0;
    for (int round = firstJudgedRound(window); round < throughRound; round++) {
      total += requests.requests(window.roundScenarios().get(round));
    }
    return total;
  }

  /** With rounds, round 1 is warm-up and the baseline is after it; with one round, that round is judged. */
  private static int firstJudgedRound(PhaseWindow window) {
    return window.rounds() > 1 ? 1 : 0;
  }

  private long count(String scenario, CheckKind kind) {
    return kind.per() == CheckKind.Per.VIRTUAL_USER ? requests.journeys(scenario) : requests.requests(scenario);
  }

  private Measurement value(int probe, CheckKind kind) {
    return readings.apply(probe).map(r -> r.get(kind.signal()))
        .orElse(Measurement.failed("probe " + (probe + 1) + " was not taken"));
  }
}
