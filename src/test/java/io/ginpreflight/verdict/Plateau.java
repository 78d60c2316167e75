package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import java.util.List;

/**
 * How a growth ended: its last step between two probes, with its own uncertainty. A bounded cache, a map's
 * buckets after a peak or the runtime's goroutine records after a goroutine peak grow once and then stay
 * (the last step is under the limit: a plateau); a leak grows in every step. When the growth slowed but had
 * not stopped, one look cannot tell a cache still filling from a leak: more rounds can.
 *
 * @param firstRate growth per unit in the first step
 * @param lastRate growth per unit in the last step
 * @param lastHalfWidth half the last step's 95 % interval, per unit
 * @param lastKoLow the last step's rate less the margin a KO needs ({@link LineFit#Z_KO})
 * @param lastGrowth the last step's growth, in the signal's unit
 */
record Plateau(boolean reached, boolean slowing, double firstRate, double lastRate, double lastHalfWidth,
    double lastKoLow, double lastGrowth) {

  /**
   * Whether the last step alone is above the limit beyond doubt, and by more than the jitter of a reading at
   * rest: a growth that went on to the end. One step within the jitter never fails a run alone.
   */
  boolean stillGrowing(double limitPerUnit, double jitter) {
    return lastKoLow > limitPerUnit && lastGrowth > jitter;
  }

  /** @param spread the spread of one reading: the measured noise, or the fit's residuals when larger */
  static Plateau of(List<RatePoint> points, double spread, double limitPerUnit) {
    RatePoint a = points.get(0);
    RatePoint b = points.get(1);
    RatePoint y = points.get(points.size() - 2);
    RatePoint z = points.get(points.size() - 1);
    double firstRate = rate(a, b);
    double lastRate = rate(y, z);
    long lastCount = z.count() - y.count();
    // A difference of two readings has sqrt(2) times the spread of one; residuals of a step fit are no guide.
    double lastError = lastCount <= 0 ? Double.POSITIVE_INFINITY : spread * Math.sqrt(2) / lastCount;
    double lastHalfWidth = LineFit.Z95 * lastError;
    boolean reached = lastRate + lastHalfWidth <= limitPerUnit;
    boolean slowing = !reached && lastRate < firstRate / 2;
    return new Plateau(reached, slowing, firstRate, lastRate, lastHalfWidth, lastRate - LineFit.Z_KO * lastError,
        z.value().value() - y.value().value());
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

  /** The growth's shape, first step against last. */
  String sentence(CheckKind kind, double scale) {
    String first = RateText.rate(kind, firstRate * scale);
    String last = RateText.rate(kind, lastRate * scale);
    if (reached) {
      return "a plateau, not a leak: it grew " + first + " at first and " + last + " in the last step, "
          + "under the limit (a cache, pool or map that filled and stopped)";
    }
    if (slowing) {
      return "growth slowed from " + first + " to " + last + " but had not stopped";
    }
    return "steady in every step (" + first + " first, " + last + " last)";
  }
}
