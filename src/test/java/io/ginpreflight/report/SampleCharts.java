package io.ginpreflight.report;

import io.ginpreflight.model.Bytes;
import io.ginpreflight.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The charts of memory.html: one per signal the samples carry, each with the run's phase bands and probe
 * markers, so a reader sees at once which phase a rise belongs to.
 */
final class SampleCharts {

  private static final DoubleFunction<String> BYTES = v -> Bytes.format(Math.round(v));
  private static final DoubleFunction<String> COUNT = v -> String.format(Locale.ROOT, "%,.0f", v);
  private static final String BLUE = "#1f6fb2";
  private static final String ORANGE = "#d9822b";

  private SampleCharts() {}

  static List<SvgChart> of(MemoryReport report, List<Sample> samples) {
    List<SvgChart.Band> bands = report.phases().stream()
        .map(p -> new SvgChart.Band(p.name() + (p.judged() ? "" : " (warm-up)"), p.startedAt(), p.endedAt(),
            p.judged()))
        .toList();
    List<SvgChart.Marker> markers = report.probes().stream()
        .map(p -> new SvgChart.Marker("P" + p.index(), "probe " + p.index() + ": " + p.label(), p.at()))
        .toList();
    List<SvgChart> charts = new ArrayList<>();
    charts.add(SvgChart.of("chart-heap", "Heap", BYTES)
        .line("post-GC heap", BLUE, points(samples, Sample::postGcHeapBytes))
        .line("live heap", ORANGE, points(samples, Sample::liveHeapBytes)));
    charts.add(SvgChart.of("chart-goroutines", "Goroutines", COUNT)
        .line("goroutines", BLUE, points(samples, Sample::goroutines)));
    charts.add(SvgChart.of("chart-open-fds", "Open file descriptors", COUNT)
        .line("open fds", BLUE, points(samples, Sample::openFds)));
    charts.add(SvgChart.of("chart-rss", "Resident set size (RSS)", BYTES)
        .line("RSS", BLUE, points(samples, Sample::rssBytes)));
    charts.add(SvgChart.of("chart-temp-files", "Temporary files", COUNT)
        .line("temp files", BLUE, points(samples, Sample::tempFiles)));
    charts.add(SvgChart.of("chart-temp-bytes", "Temporary files, bytes", BYTES)
        .line("temp bytes", BLUE, points(samples, Sample::tempBytes)));
    return charts.stream().filter(c -> !c.isEmpty()).map(c -> c.bands(bands).markers(markers)).toList();
  }

  private static List<SvgChart.Point> points(List<Sample> samples, Function<Sample, Long> signal) {
    List<SvgChart.Point> points = new ArrayList<>();
    for (Sample sample : samples) {
      Long value = signal.apply(sample);
      if (value != null && sample.at() != null) {
        points.add(new SvgChart.Point(sample.at(), value));
      }
    }
    return points;
  }
}
