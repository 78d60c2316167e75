package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import java.util.List;

/**
 * Whether a growth that is above the limit overall had stopped by the end: the last step between two
 * probes, with its own uncertainty, is under the limit. A bounded cache, a map's buckets after a peak
 * or the runtime's goroutine records after a goroutine peak grow once and then stay; a leak grows in
 * every step. When the growth slowed but had not stopped, one run cannot tell a cache still filling from
 * a leak, and the sentence says what would.
 *
 * @param firstRate growth per unit in the first step
 * @param lastRate growth per unit in the last step
 */
record Plateau(boolean reached, boolean slowing, double firstRate, double lastRate, double lastHalfWidth) {

  /** Whether the last step alone, with its own noise, is above the limit: the growth went on to the end. */
  boolean stillGrowing(double limitPerUnit) {
    return lastRate - lastHalfWidth > limitPerUnit;
  }

  static Plateau of(List<RatePoint> points, double noise, double limitPerUnit) {
    RatePoint a = points.get(0);
    RatePoint b = points.get(1);
    RatePoint y = points.get(points.size() - 2);
    RatePoint z = points.get(points.size() - 1);
    double firstRate = rate(a, b);
    double lastRate = rate(y, z);
    long lastCount = z.count() - y.count();
    // A difference of two readings has sqrt(2) times the noise of one; residuals of a step fit are no guide.
    double lastHalfWidth = lastCount <= 0 ? Double.POSITIVE_INFINITY
        : LineFit.Z95 * noise * Math.sqrt(2) / lastCount;
    boolean reached = lastRate + lastHalfWidth <= limitPerUnit;
    boolean slowing = !reached && lastRate < firstRate / 2;
    return new Plateau(reached, slowing, firstRate, lastRate, lastHalfWidth);
  }

  private static double rate(RatePoint from, RatePoint to) {
    long count = to.count() - from.count();
    return count <= 0 ? 0 : (to.value().value() - from.value().value()) / (double) count;
  }

  /** "the last step alone is above the limit: 80 B per request (95 % interval 75 to 85 B)". */
  String lastStep(CheckKind kind, double scale) {
    return "the last step alone is above the limit: " + RateText.rate(kind, lastRate * scale) + " (95 % interval "
        + RateText.interval(kind, (lastRate - lastHalfWidth) * scale, (lastRate + lastHalfWidth) * scale) + ")";
  }

  String sentence(CheckKind kind, double scale) {
    String first = RateText.rate(kind, firstRate * scale);
    String last = RateText.rate(kind, lastRate * scale);
    if (reached) {
      return "a plateau, not a leak: it grew " + first + " at first and " + last + " in the last step, "
          + "under the limit (a cache, pool or map that filled and stopped)";
    }
    if (slowing) {
      return "growth slowed from " + first + " to " + last + " but had not stopped: a cache still filling "
          + "looks like this until it is full, and one run cannot tell it from a leak; more rounds "
          + "(-Dpreflight.profile=nightly, SoakSimulation) decide";
    }
    return "steady in every step (" + first + " first, " + last + " last): no plateau in this run";
  }
}
