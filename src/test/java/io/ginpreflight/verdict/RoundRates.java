package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.RateCheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * An attribution round's rate, as the phase's rates are judged: {@link RateRule}'s line between the round's two
 * probes over the requests it sent, in the phase's unit, with the noise the judge measured (and the jitter of a
 * count), each reading spread at least as the phase's own line showed.
 */
final class RoundRates implements Attributions.RoundReader {

  private final IntFunction<Optional<ProbeReading>> readings;
  private final RequestCounts requests;
  private final ToDoubleFunction<RateCheck> noise;
  private final DoubleSupplier jitter;

  /**
   * @param readings a probe's reading by index, empty when it was not taken
   * @param noise the spread of one reading for a rate check: the measured noise, never below its floor
   * @param jitter how many goroutines a count moves at rest
   */
  RoundRates(IntFunction<Optional<ProbeReading>> readings, RequestCounts requests, ToDoubleFunction<RateCheck> noise,
      DoubleSupplier jitter) {
    this.readings = readings;
    this.requests = requests;
    this.noise = noise;
    this.jitter = jitter;
  }

  @Override
  public Optional<PhaseAttribution.Found> read(PhaseWindow window, CheckKind kind, int from, int to, String scenario,
      double spread) {
    Optional<RateCheck> check = window.rateChecks().stream().filter(c -> c.kind() == kind).findFirst();
    Optional<ProbeReading> before = readings.apply(from);
    Optional<ProbeReading> after = readings.apply(to);
    long sent = requests.requests(scenario);
    if (check.isEmpty() || before.isEmpty() || after.isEmpty() || sent <= 0) {
      return Optional.empty();
    }
    Measurement a = before.get().get(kind.signal());
    Measurement b = after.get().get(kind.signal());
    List<RatePoint> points = List.of(new RatePoint(from, 0, a), new RatePoint(to, sent, b));
    double atRest = kind.isBytes() ? 0 : jitter.getAsDouble();
    CheckResult judged = RateRule.evaluate(kind, window.phase(), points,
        Math.max(noise.applyAsDouble(check.get()), spread), check.get().limit(), sent, 0,
        Look.last(atRest, true, Duration.ZERO, "in its attribution round"), () -> Where.NONE);
    Double rate = judged.figures().value();
    Double koLow = judged.figures().koLow();
    if (rate == null || koLow == null || judged.interval() == null) {
      return Optional.empty();
    }
    // A count's growth within what it moves at rest is no goroutine of the round's.
    boolean retains = koLow > 0 && (kind.isBytes() || b.value() - a.value() > atRest);
    return Optional.of(new PhaseAttribution.Found(new Bisection.Reading(rate, judged.interval().low(),
        judged.interval().high(), retains), sent, requests.answeredOtherwise(scenario)));
  }

  /** What one journey of a phase sent over its rounds through {@code roundsRun}: a rate per request times it is per journey. */
  double requestsPerJourney(PhaseWindow window, int roundsRun) {
    long sent = 0;
    long journeys = 0;
    for (int round = 1; round <= roundsRun; round++) {
      sent += requests.requests(window.roundScenarios().get(round - 1));
      journeys += requests.journeys(window.roundScenarios().get(round - 1));
    }
    return journeys == 0 ? 0 : (double) sent / journeys;
  }
}
