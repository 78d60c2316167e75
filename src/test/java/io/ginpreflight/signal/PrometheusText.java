package io.ginpreflight.signal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Samples of a Prometheus exposition from client_golang, classic text (0.0.4) or OpenMetrics
 * ({@code # EOF}, {@code _created} samples, exemplars after {@code " # "}, timestamps). Look a sample
 * up by its series as written ({@code go_goroutines}) or by name and labels.
 */
public final class PrometheusText {

  private static final String EOF = "# EOF";

  private final Map<String, Double> bySeries;
  private final List<ExpositionLine> samples;
  private final boolean openMetrics;

  private PrometheusText(Map<String, Double> bySeries, List<ExpositionLine> samples, boolean openMetrics) {
    this.bySeries = bySeries;
    this.samples = List.copyOf(samples);
    this.openMetrics = openMetrics;
  }

  public static PrometheusText parse(String text) throws SignalUnavailable {
    Map<String, Double> bySeries = new LinkedHashMap<>();
    List<ExpositionLine> samples = new ArrayList<>();
    int eofLine = 0;
    int lineNumber = 0;
    for (String raw : text.split("\n")) {
      lineNumber++;
      String line = raw.strip();
      if (eofLine > 0) {
        if (!line.isEmpty()) {
          throw ExpositionLine.problem(lineNumber, "follows '" + EOF + "' of line " + eofLine, line);
        }
        continue;
      }
      if (line.equals(EOF)) {
        eofLine = lineNumber;
        continue;
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      ExpositionLine sample = ExpositionLine.parse(line, lineNumber);
      // A scrape repeats no series; should one appear twice, the first is the one a scraper keeps.
      if (bySeries.putIfAbsent(sample.series(), sample.value()) == null) {
        samples.add(sample);
      }
    }
    return new PrometheusText(bySeries, samples, eofLine > 0);
  }

  /** The sample of a series written exactly as in the text: {@code go_goroutines}, {@code x{a="b"}}. */
  public OptionalDouble value(String series) {
    Double value = bySeries.get(series);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** The sample whose name and whole label set match, in whichever order the labels were written. */
  public OptionalDouble value(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(sample -> sample.name().equals(name) && sample.labels().equals(labels))
        .mapToDouble(ExpositionLine::value)
        .findFirst();
  }

  /** Every series of a metric name, by label set, in the order of the text. */
  public Map<Map<String, String>, Double> series(String name) {
    Map<Map<String, String>, Double> series = new LinkedHashMap<>();
    samples.stream().filter(sample -> sample.name().equals(name))
        .forEachOrdered(sample -> series.put(sample.labels(), sample.value()));
    return series;
  }

  /** True when the text ended with OpenMetrics' {@code # EOF}. */
  public boolean isOpenMetrics() {
    return openMetrics;
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
