package io.ginpreflight.model;

import java.time.Instant;
import java.util.List;

/**
 * What earlier comparable runs measured for one figure of one phase, newest first, and their median.
 *
 * @param kind the baselined figure ({@link CheckKind#BASELINED})
 * @param values the last runs' values, newest first (at most {@code preflight.baseline.runs})
 * @param from the start of the oldest of them, {@code to} of the newest; null without values
 */
public record BaselineMedian(CheckKind kind, List<Double> values, Instant from, Instant to) {

  public BaselineMedian {
    values = List.copyOf(values);
  }

  public int runs() {
    return values.size();
  }

  /** The median of the values; NaN without any. */
  public double median() {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
