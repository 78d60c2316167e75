package io.ginpreflight.model;

/** The 95 % interval of a fitted rate, in the rate's unit: the rate is judged by it, never by its middle. */
public record Interval(double low, double high) {

  /** Half its width: how far either end is from the fitted rate. */
  public double halfWidth() {
    return (high - low) / 2;
  }
}
