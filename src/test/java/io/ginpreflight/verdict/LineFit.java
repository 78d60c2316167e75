package io.ginpreflight.verdict;

import java.util.List;

/**
 * A least-squares slope through one or more segments of (x, y) points, each segment with its own
 * intercept (the phases of a whole run each count only their own growth), its 95 % interval, and the
 * stricter bound a KO needs. The spread of y around the lines is the larger of the measured noise and the
 * fit's residuals: three probes can lie on a line by chance, and the noise measured with no load says how
 * far apart two readings of an unchanged heap can be.
 *
 * @param slope growth of y per unit of x
 * @param halfWidth half the 95 % interval of the slope
 * @param spread the standard deviation of y used (noise or residuals, whichever is larger)
 * @param residual the residuals' standard deviation; 0 without degrees of freedom left
 * @param standardError the slope's standard error: spread / sqrt(sum of squared x deviations)
 * @param freedom the residuals' degrees of freedom
 */
public record LineFit(double slope, double halfWidth, double spread, double residual, double standardError,
    int freedom) {

  /** Two-sided 95 % for a normal spread, when the noise (known) sets it. */
  static final double Z95 = 1.96;

  /**
   * One-sided 99.99 % for a normal spread: how far above its limit a rate must be for a KO. A run judges
   * about 90 such bounds (rates, their extra looks, the whole run, the baseline); at 1 in 10,000 each, noise
   * alone fails fewer than 1 healthy run in 100 (docs/how-it-measures.md, "A false-KO budget").
   */
  static final double Z_KO = 3.719;

  /** Student's t, two-sided 95 %, for 1 to 10 degrees of freedom: residuals of few probes are uncertain. */
  private static final double[] T95 = {12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23};

  /** Student's t, one-sided 99.99 %, for 1 to 30 degrees of freedom. */
  private static final double[] T_KO = {3183.1, 70.70, 22.20, 13.03, 9.68, 8.02, 7.06, 6.44, 6.01, 5.69, 5.45, 5.26,
      5.11, 4.99, 4.88, 4.79, 4.71, 4.65, 4.59, 4.54, 4.49, 4.45, 4.42, 4.38, 4.35, 4.32, 4.30, 4.28, 4.25, 4.23};

  public double low() {
    return slope - halfWidth;
  }

  public double high() {
    return slope + halfWidth;
  }

  /** The bound a KO needs above the limit: the slope less Z_KO (Student's t when residuals set the spread). */
  public double koLow() {
    double factor = residual > 0 && residual >= spread ? tKo(freedom) : Z_KO;
    return slope - factor * standardError;
  }

  /** One-sided 99.99 % for a spread estimated with this many degrees of freedom. */
  static double tKo(int freedom) {
    return freedom <= 0 ? Double.POSITIVE_INFINITY : freedom <= T_KO.length ? T_KO[freedom - 1] : Z_KO;
  }

  /** One segment: the points of a phase. */
  public static LineFit of(List<Double> x, List<Double> y, double noise) {
    return pooled(List.of(x), List.of(y), noise);
  }

  /**
   * @param noise the standard deviation of one reading with nothing changing (the floor at least)
   * @throws IllegalArgumentException when no segment has two points at different x
   */
  public static LineFit pooled(List<List<Double>> xs, List<List<Double>> ys, double noise) {
    double[] meanX = new double[xs.size()];
    double[] meanY = new double[xs.size()];
    double sxx = 0;
    double sxy = 0;
    int points = 0;
    for (int s = 0; s < xs.size(); s++) {
      meanX[s] = mean(xs.get(s));
      meanY[s] = mean(ys.get(s));
      for (int i = 0; i < xs.get(s).size(); i++) {
        double dx = xs.get(s).get(i) - meanX[s];
        sxx += dx * dx;
        sxy += dx * (ys.get(s).get(i) - meanY[s]);
      }
      points += xs.get(s).size();
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("A line needs points at two or more x values in one segment.");
    }
    double slope = sxy / sxx;
    // One intercept per segment and the common slope are fitted: what is left is the residuals' freedom.
    int freedom = points - xs.size() - 1;
    double squares = 0;
    for (int s = 0; s < xs.size(); s++) {
      for (int i = 0; i < xs.get(s).size(); i++) {
        double off = ys.get(s).get(i) - (meanY[s] + slope * (xs.get(s).get(i) - meanX[s]));
        squares += off * off;
      }
    }
    double residual = freedom > 0 ? Math.sqrt(squares / freedom) : 0;
    double spread = Math.max(noise, residual);
    // The noise is measured apart from the fit; residuals of a few probes are an estimate with few degrees.
    double factor = residual > noise ? t95(freedom) : Z95;
    double standardError = spread / Math.sqrt(sxx);
    return new LineFit(slope, factor * standardError, spread, residual, standardError, freedom);
  }

  private static double t95(int freedom) {
    return freedom <= 0 ? Double.POSITIVE_INFINITY : freedom <= T95.length ? T95[freedom - 1] : Z95;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }
}
