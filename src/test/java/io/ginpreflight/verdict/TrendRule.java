package io.ginpreflight.verdict;

import io.ginpreflight.model.Bytes;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.TrendKind;
import io.ginpreflight.model.TrendResult;
import java.util.List;
import java.util.Locale;

/**
 * Fits a line through a signal's value after each round of a phase, from the end of the first round
 * (warm-up) on, and judges its slope per request. A cache that fills during warm-up and then stays flat
 * has a slope near zero; a leak of N bytes per request has a slope of N times the round's requests.
 */
public final class TrendRule {

  /** With fewer points a "trend" is a single difference, as noisy as the per-phase check. */
  public static final int MIN_ROUNDS = 3;

  private TrendRule() {}

  /**
   * @param afterRound the signal after each round, round 1 first
   * @param requests the requests each round sent, round 1 first
   */
  public static TrendResult evaluate(TrendKind kind, String phase, List<Measurement> afterRound,
      List<Long> requests, double limit) {
    int rounds = afterRound.size();
    String limitText = format(kind, limit);
    for (int round = 0; round < rounds; round++) {
      if (!afterRound.get(round).isMeasured()) {
        return inconclusive(kind, phase, rounds, limit, kind.subject() + " could not be measured after round "
            + (round + 1) + " of phase \"" + phase + "\": " + afterRound.get(round).failure());
      }
    }
    long requestsPerRound = Math.round(requests.subList(1, rounds).stream().mapToLong(Long::longValue).average()
        .orElse(0));
    if (requestsPerRound <= 0) {
      return inconclusive(kind, phase, rounds, limit, "phase \"" + phase + "\" recorded no requests after its "
          + "warm-up round, so no rate per request can be fitted");
    }
    double slopePerRound = slope(afterRound.subList(0, rounds));
    double rate = slopePerRound * kind.perRequests() / requestsPerRound;
    String message = String.format(Locale.ROOT,
        "%s grew %s across rounds 2-%d of phase \"%s\" (fitted %s per round, %d requests per round); limit %s",
        kind.subject(), format(kind, rate), rounds, phase, perRound(kind, slopePerRound), requestsPerRound, limitText);
    Status status = rate > limit ? Status.KO : Status.OK;
    return new TrendResult(kind, phase, status, rate, limit, rounds, requestsPerRound, message);
  }

  /** Least-squares slope of the values against their round number. */
  static double slope(List<Measurement> values) {
    int n = values.size();
    double meanX = (n - 1) / 2.0;
    double meanY = values.stream().mapToLong(Measurement::value).average().orElse(0);
    double covariance = 0;
    double variance = 0;
    for (int x = 0; x < n; x++) {
      covariance += (x - meanX) * (values.get(x).value() - meanY);
      variance += (x - meanX) * (x - meanX);
    }
    return variance == 0 ? 0 : covariance / variance;
  }

  private static String format(TrendKind kind, double rate) {
    return kind == TrendKind.RETAINED_BYTES_PER_REQUEST
        ? String.format(Locale.ROOT, "%.1f B per request", rate)
        : String.format(Locale.ROOT, "%.1f per 1,000 requests", rate);
  }

  private static String perRound(TrendKind kind, double slope) {
    return kind == TrendKind.RETAINED_BYTES_PER_REQUEST
        ? Bytes.format(Math.round(slope))
        : String.format(Locale.ROOT, "%.1f", slope);
  }

  private static TrendResult inconclusive(TrendKind kind, String phase, int rounds, double limit, String why) {
    return new TrendResult(kind, phase, Status.INCONCLUSIVE, null, limit, rounds, 0,
        why + "; an unmeasured trend is not a pass");
  }
}
