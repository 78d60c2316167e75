package io.ginpreflight.verdict;

import java.util.List;

/**
 * A least-squares line through (x, y) points and the 95 % interval of its slope. The spread of y around
 * the line is the larger of the measured noise and the fit's own residuals: three probes can lie on a
 * line by chance, and the noise measured with no load says how far apart two readings of an unchanged
 * heap can be.
 *
 * @param slope growth of y per unit of x
 * @param halfWidth half the 95 % interval of the slope (1.96 standard errors)
 * @param spread the standard deviation of y used (noise or residuals, whichever is larger)
 * @param residual the residuals' standard deviation; 0 with two points
 */
public record LineFit(double slope, double halfWidth, double spread, double residual) {

  /** Two-sided 95 % for a normal spread. */
  static final double Z95 = 1.96;

  public double low() {
    return slope - halfWidth;
  }

  public double high() {
    return slope + halfWidth;
  }

  /**
   * @param noise the standard deviation of one reading with nothing changing; at least one unit
   * @throws IllegalArgumentException with fewer than two points or no spread in x
   */
  public static LineFit of(List<Double> x, List<Double> y, double noise) {
    int n = x.size();
    if (n < 2 || y.size() != n) {
      throw new IllegalArgumentException("A line needs two or more points, got " + n + ".");
    }
    double meanX = x.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double meanY = y.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (x.get(i) - meanX) * (x.get(i) - meanX);
      sxy += (x.get(i) - meanX) * (y.get(i) - meanY);
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("A line needs points at two or more x values.");
    }
    double slope = sxy / sxx;
    double residual = 0;
    if (n > 2) {
      double squares = 0;
      for (int i = 0; i < n; i++) {
        double fitted = meanY + slope * (x.get(i) - meanX);
        squares += (y.get(i) - fitted) * (y.get(i) - fitted);
      }
      residual = Math.sqrt(squares / (n - 2));
    }
    double spread = Math.max(noise, residual);
    return new LineFit(slope, Z95 * spread / Math.sqrt(sxx), spread, residual);
  }
}
