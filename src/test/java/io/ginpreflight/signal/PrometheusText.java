package io.ginpreflight.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Samples without labels from a Prometheus text exposition (classic or OpenMetrics), such as
 * {@code go_goroutines 12}. Labelled samples are kept under their full series text.
 */
public final class PrometheusText {

  private final Map<String, Double> samples;

  private PrometheusText(Map<String, Double> samples) {
    this.samples = samples;
  }

  public static PrometheusText parse(String text) throws SignalUnavailable {
    Map<String, Double> samples = new LinkedHashMap<>();
    int lineNumber = 0;
    for (String raw : text.split("\n")) {
      lineNumber++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int valueStart = seriesEnd(line);
      if (valueStart <= 0 || valueStart >= line.length()) {
        throw new SignalUnavailable("metrics line " + lineNumber + " is not 'name value': " + abbreviate(line));
      }
      String series = line.substring(0, valueStart).strip();
      String[] rest = line.substring(valueStart).strip().split("\\s+");
      try {
        samples.putIfAbsent(series, parseValue(rest[0]));
      } catch (NumberFormatException e) {
        throw new SignalUnavailable("metrics line " + lineNumber + " has no numeric value: " + abbreviate(line));
      }
    }
    return new PrometheusText(samples);
  }

  /** Index just past the series name and its optional {labels}. */
  private static int seriesEnd(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (brace >= 0 && (space < 0 || brace < space)) {
      int close = line.indexOf('}', brace);
      return close < 0 ? -1 : close + 1;
    }
    return space;
  }

  private static double parseValue(String token) {
    return switch (token) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(token);
    };
  }

  private static String abbreviate(String line) {
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }

  public OptionalDouble value(String series) {
    Double value = samples.get(series);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  public long requireLong(String series) throws SignalUnavailable {
    OptionalDouble value = value(series);
    if (value.isEmpty()) {
      throw new SignalUnavailable("the metrics have no '" + series + "' sample (is the Go collector "
          + "registered? client_golang's default registry has it)");
    }
    return Math.round(value.getAsDouble());
  }
}
