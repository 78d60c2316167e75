package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Figures;
import io.ginpreflight.model.Interval;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Judges a leak rate: a line through the signal at each probe against the requests (or virtual users) sent
 * since the first, with its 95 % interval from the noise. It decides one of three ways:
 * <ul>
 *   <li>OK when the whole 95 % interval is under the limit (a leak at the limit passes 1 time in 40), or
 *       the growth had stopped by the last step (a plateau: a cache or pool that filled);
 *   <li>KO when the rate is above the limit beyond doubt (its one-sided 99.99 % bound, {@link LineFit#Z_KO})
 *       and the growth is more than a reading moves at rest, or, at the last look, when the last step alone
 *       is (a growth that went on to the end);
 *   <li>UNDECIDED otherwise: the interval straddles the limit, too few requests, a growth that slowed but
 *       had not stopped, a KO resting on the last step alone. Before the last look that asks for another
 *       round (the message is then the reason, for the round's line); at the last look it stays undecided,
 *       and says what would decide it.
 * </ul>
 * The sentence leads with the rate and, for a KO, where: {@code heap retained 82 B per request in phase
 * "api"; top growth: ...; 95 % interval 78 to 85 B, 3 probes over 6,000 requests; limit 16 B per request}.
 */
public final class RateRule {

  private RateRule() {}

  /**
   * @param scope the phase, or {@link CheckResult#WHOLE_RUN}
   * @param points the probes in order; counts cumulative from the first
   * @param noise the standard deviation of one reading with nothing changing
   * @param minRequests fewer requests than this are too few to judge (0: no minimum)
   * @param where asked only for a KO: where it grew
   */
  public static CheckResult evaluate(CheckKind kind, String scope, List<RatePoint> points, double noise,
      double limit, long requests, long minRequests, Look look, Supplier<Where> where) {
    if (requests < minRequests) {
      return tooFewRequests(kind, scope, requests, minRequests, limit, look);
    }
    return acrossSegments(kind, scope, List.of(points), noise, limit, "", look, where);
  }

  /**
   * @param segments the probes of each phase, in order; counts cumulative from each segment's first.
   *     With more than one segment (the whole run) each has its own intercept and no plateau rule
   *     applies: the steps of different phases say nothing of each other.
   * @param detail extra words after the probes and requests, e.g. the phases that contributed; may be empty
   */
  public static CheckResult acrossSegments(CheckKind kind, String scope, List<List<RatePoint>> segments,
      double noise, double limit, String detail, Look look, Supplier<Where> where) {
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
    double limitPerUnit = limit / scale;
    double rate = fit.slope() * scale;
    Interval interval = new Interval(fit.low() * scale, fit.high() * scale);
    // Growth within what a count moves at rest is no leak, however it lines up (one keep-alive goroutine).
    boolean beyondJitter = fit.slope() * count > look.jitter();
    boolean lineAbove = fit.koLow() > limitPerUnit && beyondJitter;
    Optional<Plateau> shape = segments.size() == 1 && rate > limit && probes >= 3
        // The heap's last step is read with the measured noise: a curve's residuals say nothing of one step;
        // a count's with its residuals too, since a count's jitter shows there.
        ? Optional.of(Plateau.of(segments.get(0), kind.isBytes() ? noise : fit.spread(), limitPerUnit))
        : Optional.empty();
    Decision decision = !kind.isBytes() && netGrowth(segments) <= look.jitter()
        ? withinJitter(kind, rate, limit, netGrowth(segments), look)
        : decide(kind, scale, interval, limit, lineAbove, shape, look, kind.isBytes() ? perMinute(rate, count, look)
            : "");
    if (decision.status() == Status.UNDECIDED && !look.last()) {
      return CheckResult.of(kind, scope, Status.UNDECIDED,
          Figures.rate(rate, limit, probes, count, fit.spread(), false), decision.note());
    }
    Where found = decision.status() == Status.KO ? where.get() : Where.NONE;
    String undecided = decision.status() == Status.UNDECIDED ? " undecided " + look.bound() : "";
    String message = kind.subject() + " " + RateText.rate(kind, rate) + " " + scopeText + undecided
        + (found.isEmpty() ? "" : "; " + found.clause()) + "; 95 % interval "
        + RateText.interval(kind, interval.low(), interval.high()) + ", " + probes + " probes over "
        + RateText.count(count) + " " + kind.per().many() + (detail.isEmpty() ? "" : ", " + detail) + "; limit "
        + RateText.rate(kind, limit) + (decision.note().isEmpty() ? "" : "; " + decision.note())
        + (decision.status() == Status.UNDECIDED && decision.note().indexOf("cache") < 0
            ? "; " + toDecide(count, interval, limit) : "");
    return new CheckResult(kind, scope, decision.status(),
        Figures.rate(rate, limit, probes, count, fit.spread(), shape.map(Plateau::reached).orElse(false),
            fit.koLow() * scale), interval, message, found.detail(), List.of());
  }

  /**
   * OK when the interval is under the limit or the growth stopped; KO when the rate is above it beyond doubt
   * and either the growth is large, or this is the last look; otherwise undecided, with the reason.
   */
  private static Decision decide(CheckKind kind, double scale, Interval interval, double limit, boolean lineAbove,
      Optional<Plateau> shape, Look look, String perMinute) {
    if (shape.isPresent() && shape.get().reached()) {
      return Decision.ok(shape.get().sentence(kind, scale));
    }
    if (interval.high() <= limit) {
      return Decision.ok("");
    }
    boolean lastStepAbove = shape.isPresent() && shape.get().stillGrowing(limit / scale, look.jitter());
    boolean slowing = shape.isPresent() && shape.get().slowing();
    String growth = shape.map(p -> p.sentence(kind, scale)).orElse("");
    if (lineAbove && look.large()) {
      return Decision.ko(growth);
    }
    if (!look.last()) {
      if (slowing) {
        return Decision.undecided(growth + ": more rounds show whether it stops");
      }
      if (lineAbove || lastStepAbove) {
        return Decision.undecided("above the limit (" + RateText.rate(kind, (interval.low() + interval.high()) / 2)
            + "), small enough to be a bounded cache still filling: more rounds show whether it stops");
      }
      return Decision.undecided(straddles(kind, interval, limit, look));
    }
    String filling = "a bounded cache still filling looks like this until it is full, and this run cannot tell "
        + "it from a leak" + perMinute + ": a longer warm-up fills it first (its family's load.<profile>.warm-up), "
        + "more rounds give it time (preflight.rounds.max, preflight.rounds.extra-time), or the nightly profile";
    if (lineAbove || lastStepAbove) {
      String how = lineAbove ? growth : shape.get().lastStep(kind, scale) + "; " + growth;
      String still = "still growing " + look.bound() + (how.isEmpty() ? "" : ": " + how);
      return Decision.ko(look.large() || !kind.isBytes() ? still : still + "; " + filling);
    }
    if (slowing) {
      return Decision.undecided("still growing " + look.bound() + ": " + growth + "; " + filling);
    }
    return Decision.undecided(straddles(kind, interval, limit, look));
  }

  /**
   * A count that ended no higher than it began, within what it moves at rest, retained nothing that can be
   * told from jitter (its line can still be wide, when goroutines left from an earlier phase ended during this
   * one): OK, unless its rate is above the limit and more rounds can still show whether it goes on.
   */
  private static Decision withinJitter(CheckKind kind, double rate, double limit, double grown, Look look) {
    if (rate <= limit || look.last()) {
      return Decision.ok(rate <= limit ? "" : "it rose by " + Math.round(grown) + " in all, within what a count "
          + "moves at rest (" + Math.round(look.jitter()) + "): no leak can be told from that");
    }
    return Decision.undecided("it rose by " + Math.round(grown) + ", within what a count moves at rest ("
        + Math.round(look.jitter()) + "): more rounds show whether it goes on");
  }

  /** How much a signal rose from the first to the last point of each segment, falls left out. */
  private static double netGrowth(List<List<RatePoint>> segments) {
    return segments.stream().filter(p -> p.size() >= 2)
        .mapToDouble(p -> Math.max(0, p.get(p.size() - 1).value().value() - p.get(0).value().value())).sum();
  }

  /** "; at this load it grows about 1.3 MiB per minute" for a heap rate; empty without a load time. */
  private static String perMinute(double rate, long count, Look look) {
    double minutes = look.load().toMillis() / 60_000.0;
    if (minutes <= 0 || rate <= 0) {
      return "";
    }
    return "; at this load it grows about " + io.ginpreflight.model.Bytes.format(Math.round(rate * count / minutes))
        + " per minute";
  }

  private static String straddles(CheckKind kind, Interval interval, double limit, Look look) {
    String against = "95 % interval " + RateText.interval(kind, interval.low(), interval.high()) + " against "
        + RateText.rate(kind, limit);
    if (!look.last()) {
      return against;
    }
    return interval.halfWidth() > limit
        ? "too little data to judge " + RateText.per(kind) + ": the interval is wider than the limit"
        : "a leak of this size is neither shown nor ruled out";
  }

  /** How many more requests would narrow the interval enough to decide, from how the half-width scales. */
  private static String toDecide(long count, Interval interval, double limit) {
    double rate = (interval.low() + interval.high()) / 2;
    double margin = Math.abs(limit - rate);
    if (margin <= 0 || interval.halfWidth() <= 0) {
      return "the rate sits on the limit: a longer run decides only which side";
    }
    // With the same probes over more requests per round, the half-width shrinks as the requests grow.
    long needed = (long) Math.ceil(count * interval.halfWidth() / margin);
    return "about " + RateText.count(needed) + " requests instead of " + RateText.count(count) + " would decide "
        + "it: a higher rate or longer rounds for its family, more rounds (preflight.rounds.max), or the nightly "
        + "profile";
  }

  /**
   * A goroutine rate held against the goroutines the runtime proved leaked meanwhile: those have no noise, so
   * {@code proved} of them over {@code requests} is a rate at least that high beyond doubt. When that alone is
   * above the limit, the rate is KO whatever the count's jitter made of its line: {@code goroutines proved
   * leaked 1.00 per 1,000 requests in phase "api" (12 over 12,000 requests); top growth: ...; ...}.
   */
  public static CheckResult provedAtLeast(CheckResult rate, long proved, long requests, Supplier<Where> where) {
    if (rate.status() == Status.KO || proved <= 0 || requests <= 0) {
      return rate;
    }
    double perUnit = 1000.0 * proved / requests;
    if (perUnit <= rate.figures().limit()) {
      return rate;
    }
    Where found = where.get();
    String message = "goroutines proved leaked " + RateText.rate(rate.kind(), perUnit) + " " + RateText.scope(
        rate.scope()) + " (" + proved + " over " + RateText.count(requests) + " requests, proved by the runtime: no "
        + "noise)" + (found.isEmpty() ? "" : "; " + found.clause()) + "; the count's own line: " + rate.message();
    return new CheckResult(rate.kind(), rate.scope(), Status.KO, rate.figures(), rate.interval(), message,
        found.detail(), List.of());
  }

  /**
   * A window with too few requests to judge per request. Before the last look it asks for another round;
   * at the last look it is undecided, and says so. Its count is of requests whatever the kind, since that is
   * what was too few.
   */
  public static CheckResult tooFewRequests(CheckKind kind, String scope, long requests, long minRequests,
      double limit, Look look) {
    String few = RateText.count(requests) + " requests, fewer than the " + RateText.count(minRequests)
        + " a rate needs (preflight.limits.rate-min-requests)";
    if (!look.last()) {
      return CheckResult.of(kind, scope, Status.UNDECIDED, Figures.rate(null, limit, 0, requests, 0, false), few);
    }
    return CheckResult.of(kind, scope, Status.UNDECIDED, Figures.rate(null, limit, 0, requests, 0, false),
        "not judged " + RateText.per(kind) + " " + RateText.scope(scope) + ", undecided " + look.bound() + ": "
            + few + ", too few to tell a leak from a one-off step; a higher rate or longer rounds for its family, "
            + "more rounds (preflight.rounds.max), or the nightly profile would judge it");
  }

  /**
   * The whole run's rate with fewer than two phases to join: the phases' own rates have judged them all, so
   * it passes, saying why.
   */
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

  /** A status and the words that explain it (empty when the figures say it all). */
  private record Decision(Status status, String note) {
    static Decision ok(String note) {
      return new Decision(Status.OK, note);
    }

    static Decision ko(String note) {
      return new Decision(Status.KO, note);
    }

    static Decision undecided(String note) {
      return new Decision(Status.UNDECIDED, note);
    }
  }
}
