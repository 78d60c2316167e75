package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Figures;
import io.ginpreflight.model.Interval;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Judges a leak rate: a line through the signal at each probe against the requests (or virtual users)
 * sent since the first, with the 95 % interval the noise allows. KO only when the whole interval is above
 * the limit, or the last step's own interval is (a growth that went on to the end), so noise alone never
 * fails a run; a limit the interval is too wide to judge is said, and the flat per-phase check stands. A
 * phase whose growth stopped before its last round is a plateau (a cache or pool that filled), not a leak.
 * The sentence leads with the rate and, for a KO, where: {@code heap retained 82 B per request in phase
 * "api"; top growth: ...; 95 % interval 78 to 85 B, 3 probes over 6,000 requests; limit 16 B per request}.
 */
public final class RateRule {

  private RateRule() {}

  /**
   * @param scope the phase, or {@link CheckResult#WHOLE_RUN}
   * @param points the probes in order; counts cumulative from the first
   * @param noise the standard deviation of one reading with nothing changing
   * @param where asked only for a KO: where it grew
   */
  public static CheckResult evaluate(CheckKind kind, String scope, List<RatePoint> points, double noise,
      double limit, Supplier<Where> where) {
    return acrossSegments(kind, scope, List.of(points), noise, limit, "", where);
  }

  /**
   * @param segments the probes of each phase, in order; counts cumulative from each segment's first.
   *     With more than one segment (the whole run) each has its own intercept and no plateau rule
   *     applies: the steps of different phases say nothing of each other.
   * @param detail extra words after the probes and requests, e.g. the phases that contributed; may be empty
   */
  public static CheckResult acrossSegments(CheckKind kind, String scope, List<List<RatePoint>> segments,
      double noise, double limit, String detail, Supplier<Where> where) {
    int probes = segments.stream().mapToInt(List::size).sum();
    String scopeText = RateText.scope(scope);
    for (List<RatePoint> points : segments) {
      for (RatePoint point : points) {
        if (!point.value().isMeasured()) {
          return inconclusive(kind, scope, limit, probes, noise, subject(kind) + " could not be measured at probe "
              + (point.probe() + 1) + " " + scopeText + ": " + point.value().failure());
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
          + scopeText + ", so no rate " + RateText.per(kind) + " can be fitted");
    }
    LineFit fit = LineFit.pooled(xs, ys, noise);
    double scale = kind.perCount();
    double rate = fit.slope() * scale;
    Interval interval = new Interval(fit.low() * scale, fit.high() * scale);
    Status status = interval.low() > limit ? Status.KO : Status.OK;
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
    if (note.isEmpty() && status == Status.OK && interval.high() > limit) {
      String judged = segments.size() == 1 ? "this phase" : "the run";
      note = interval.halfWidth() > limit
          ? "too little data to judge " + RateText.per(kind) + ": the interval is wider than the limit, so only the "
              + "flat per-phase checks judged " + judged + "; more requests or rounds would narrow it"
          : "the interval reaches above the limit: a leak of this size is neither shown nor ruled out; more "
              + "requests or rounds would narrow it";
    }
    Where found = status == Status.KO ? where.get() : Where.NONE;
    String message = kind.subject() + " " + RateText.rate(kind, rate) + " " + scopeText
        + (found.isEmpty() ? "" : "; " + found.clause()) + "; 95 % interval "
        + RateText.interval(kind, interval.low(), interval.high()) + ", " + probes + " probes over "
        + RateText.count(count) + " " + kind.per().many() + (detail.isEmpty() ? "" : ", " + detail) + "; limit "
        + RateText.rate(kind, limit) + (note.isEmpty() ? "" : "; " + note);
    return new CheckResult(kind, scope, status, Figures.rate(rate, limit, probes, count, fit.spread(), plateauReached),
        interval, message, found.detail(), List.of());
  }

  /**
   * A window with too few requests to judge per request: said, and left to the flat checks. Its count is
   * of requests whatever the kind, since that is what was too few.
   */
  public static CheckResult tooFewRequests(CheckKind kind, String scope, long requests, long minRequests,
      double limit) {
    return notJudged(kind, scope, limit, requests, "not judged " + RateText.per(kind) + ": "
        + RateText.count(requests) + " requests in the judged rounds of phase \"" + scope + "\", fewer than "
        + RateText.count(minRequests) + " (preflight.limits.rate-min-requests), too few to tell a leak from a "
        + "one-off step; the flat per-phase checks judged it");
  }

  /** A rate that was not judged, with the reason; it passes, since other checks judged what it would. */
  public static CheckResult notJudged(CheckKind kind, String scope, double limit, long count, String why) {
    return CheckResult.of(kind, scope, Status.OK, Figures.rate(null, limit, 0, count, 0, false), why);
  }

  private static String subject(CheckKind kind) {
    return kind.isBytes() ? "the heap" : "goroutines";
  }

  private static CheckResult inconclusive(CheckKind kind, String scope, double limit, int probes, double noise,
      String why) {
    return new CheckResult(kind, scope, Status.INCONCLUSIVE, Figures.rate(null, limit, probes, 0, noise, false),
        null, why + "; an unmeasured rate is not a pass", LeakDetail.NONE, List.of());
  }
}
