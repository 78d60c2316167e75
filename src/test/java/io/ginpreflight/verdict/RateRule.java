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
 * the limit, so noise alone never fails a run; a limit the interval is too wide to judge is said, and the
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
    return evaluate(kind, scope, where, points, noise, limit, detail, true);
  }

  /**
   * @param plateausPass whether a growth that stopped by the last step passes: not across the whole run,
   *     whose steps belong to different phases
   */
  public static TrendResult evaluate(TrendKind kind, String scope, String where, List<RatePoint> points,
      double noise, double limit, String detail, boolean plateausPass) {
    for (int i = 0; i < points.size(); i++) {
      Measurement value = points.get(i).value();
      if (!value.isMeasured()) {
        return inconclusive(kind, scope, limit, points.size(), noise, subject(kind) + " could not be measured at "
            + "probe " + (i + 1) + " of " + points.size() + " " + where + ": " + value.failure());
      }
    }
    long count = points.isEmpty() ? 0 : points.get(points.size() - 1).count() - points.get(0).count();
    if (points.size() < 2 || count <= 0) {
      return inconclusive(kind, scope, limit, points.size(), noise, "no " + kind.per().many() + " were counted "
          + where + ", so no rate " + RateText.per(kind) + " can be fitted");
    }
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    points.forEach(p -> {
      x.add((double) p.count());
      y.add((double) p.value().value());
    });
    LineFit fit = LineFit.of(x, y, noise);
    double scale = kind.perCount();
    double rate = fit.slope() * scale;
    double low = fit.low() * scale;
    double high = fit.high() * scale;
    String figures = kind.verb() + " " + RateText.rate(kind, rate) + " " + where + " (95 % interval "
        + RateText.interval(kind, low, high) + ", " + points.size() + " probes over " + RateText.count(count) + " "
        + kind.per().many() + (detail.isEmpty() ? "" : ", " + detail) + "); limit " + RateText.rate(kind, limit);
    Status status = low > limit ? Status.KO : Status.OK;
    String note = "";
    boolean plateauReached = false;
    if (plateausPass && rate > limit && points.size() >= 3) {
      // A step (a cache filling at first) fits a line badly, so its interval is wide: the last step decides.
      Plateau plateau = Plateau.of(points, noise, limit / scale);
      if (plateau.reached()) {
        status = Status.OK;
        plateauReached = true;
        note = plateau.sentence(kind, scale);
      } else if (status == Status.KO) {
        note = plateau.sentence(kind, scale);
      }
    }
    if (note.isEmpty() && status == Status.OK && (high - low) / 2 > limit) {
      note = "too little data to judge " + RateText.per(kind) + ": the interval is wider than the limit, so only "
          + "the flat per-phase check judged this phase; more requests or rounds would narrow it";
    }
    String message = figures + (note.isEmpty() ? "" : "; " + note);
    return new TrendResult(kind, scope, status, rate, low, high, limit, points.size(), count, fit.spread(),
        plateauReached, message, List.of());
  }

  /** A window with too few requests to judge per request: said, and left to the flat checks. */
  public static TrendResult tooFewRequests(TrendKind kind, String scope, String where, long requests,
      long minRequests, double limit) {
    return new TrendResult(kind, scope, Status.OK, null, null, null, limit, 0, requests, 0, false,
        "not judged " + RateText.per(kind) + ": " + RateText.count(requests) + " requests " + where + ", fewer than "
            + RateText.count(minRequests) + " (preflight.limits.rate-min-requests), too few to tell a leak from a "
            + "one-off step; the flat per-phase checks judged it", List.of());
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
