package io.ginpreflight.verdict;

import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.TrendKind;
import io.ginpreflight.model.TrendResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a leak rate: a line through the signal at each probe against the requests (or virtual users)
 * sent since the first, with the 95 % interval the noise allows. KO only when the whole interval is above
 * the limit, or the last step's own interval is (a growth that went on to the end), so noise alone never
 * fails a run; a limit the interval is too wide to judge is said, and the
 * flat per-phase check stands. A phase whose growth stopped before its last round is a plateau (a cache or
 * pool that filled), not a leak.
 */
public final class RateRule {

  private RateRule() {}

  /**
   * @param where how the message names the scope: {@code during phase "api"} or {@code over the whole run}
   * @param points the probes in order; counts cumulative from the first
   * @param noise the standard deviation of one reading with nothing changing
   * @param detail extra words inside the parenthesis, e.g. the phases that contributed; may be empty
   */
  public static TrendResult evaluate(TrendKind kind, String scope, String where, List<RatePoint> points,
      double noise, double limit, String detail) {
    return acrossSegments(kind, scope, where, List.of(points), noise, limit, detail);
  }

  /**
   * @param segments the probes of each phase, in order; counts cumulative from each segment's first.
   *     With more than one segment (the whole run) each has its own intercept and no plateau rule
   *     applies: the steps of different phases say nothing of each other.
   */
  public static TrendResult acrossSegments(TrendKind kind, String scope, String where,
      List<List<RatePoint>> segments, double noise, double limit, String detail) {
    int probes = segments.stream().mapToInt(List::size).sum();
    for (List<RatePoint> points : segments) {
      for (RatePoint point : points) {
        if (!point.value().isMeasured()) {
          return inconclusive(kind, scope, limit, probes, noise, subject(kind) + " could not be measured at probe "
              + (point.probe() + 1) + " " + where + ": " + point.value().failure());
        }
      }
    }
    long count = segments.stream().filter(p -> !p.isEmpty())
        .mapToLong(p -> p.get(p.size() - 1).count() - p.get(0).count()).sum();
    List<List<Double>> xs = new ArrayList<>();
    List<List<Double>> ys = new ArrayList<>();
    for (List<RatePoint> points : segments) {
      if (points.size() >= 2 && points.get(points.size() - 1).count() > points.get(0).count()) {
        xs.add(points.stream().map(p -> (double) p.count()).toList());
        ys.add(points.stream().map(p -> (double) p.value().value()).toList());
      }
    }
    if (xs.isEmpty() || count <= 0) {
      return inconclusive(kind, scope, limit, probes, noise, "no " + kind.per().many() + " were counted "
          + where + ", so no rate " + RateText.per(kind) + " can be fitted");
    }
    LineFit fit = LineFit.pooled(xs, ys, noise);
    double scale = kind.perCount();
    double rate = fit.slope() * scale;
    double low = fit.low() * scale;
    double high = fit.high() * scale;
    String figures = kind.verb() + " " + RateText.rate(kind, rate) + " " + where + " (95 % interval "
        + RateText.interval(kind, low, high) + ", " + probes + " probes over " + RateText.count(count) + " "
        + kind.per().many() + (detail.isEmpty() ? "" : ", " + detail) + "); limit " + RateText.rate(kind, limit);
    Status status = low > limit ? Status.KO : Status.OK;
    String note = "";
    boolean plateauReached = false;
    if (segments.size() == 1 && rate > limit && probes >= 3) {
      // A curve (a cache filling, then slowing) fits a line badly, so its interval is wide: the last step,
      // with the measured noise alone, says whether the growth had stopped or went on to the end.
      Plateau plateau = Plateau.of(segments.get(0), noise, limit / scale);
      if (plateau.reached()) {
        status = Status.OK;
        plateauReached = true;
        note = plateau.sentence(kind, scale);
      } else if (status == Status.KO) {
        note = plateau.sentence(kind, scale);
      } else if (plateau.stillGrowing(limit / scale)) {
        // The line's interval is wide (a curve, map tables doubling); the last step alone is clear.
        status = Status.KO;
        note = plateau.lastStep(kind, scale) + "; " + plateau.sentence(kind, scale);
      }
    }
    if (note.isEmpty() && status == Status.OK && high > limit) {
      String judged = segments.size() == 1 ? "this phase" : "the run";
      note = (high - low) / 2 > limit
          ? "too little data to judge " + RateText.per(kind) + ": the interval is wider than the limit, so only the "
              + "flat per-phase checks judged " + judged + "; more requests or rounds would narrow it"
          : "the interval reaches above the limit: a leak of this size is neither shown nor ruled out; more "
              + "requests or rounds would narrow it";
    }
    String message = figures + (note.isEmpty() ? "" : "; " + note);
    return new TrendResult(kind, scope, status, rate, low, high, limit, probes, count, fit.spread(),
        plateauReached, message, List.of());
  }

  /**
   * A window with too few requests to judge per request: said, and left to the flat checks. Its count is
   * of requests whatever the kind, since that is what was too few.
   */
  public static TrendResult tooFewRequests(TrendKind kind, String scope, String where, long requests,
      long minRequests, double limit) {
    return notJudged(kind, scope, limit, requests, "not judged " + RateText.per(kind) + ": "
        + RateText.count(requests) + " requests in the judged rounds " + where + ", fewer than "
        + RateText.count(minRequests) + " (preflight.limits.rate-min-requests), too few to tell a leak from a "
        + "one-off step; the flat per-phase checks judged it");
  }

  /** A rate that was not judged, with the reason; it passes, since other checks judged what it would. */
  public static TrendResult notJudged(TrendKind kind, String scope, double limit, long count, String why) {
    return new TrendResult(kind, scope, Status.OK, null, null, null, limit, 0, count, 0, false, why, List.of());
  }

  private static String subject(TrendKind kind) {
    return kind.isBytes() ? "the heap" : "goroutines";
  }

  private static TrendResult inconclusive(TrendKind kind, String scope, double limit, int probes, double noise,
      String why) {
    return new TrendResult(kind, scope, Status.INCONCLUSIVE, null, null, null, limit, probes, 0, noise, false,
        why + "; an unmeasured trend is not a pass", List.of());
  }
}
