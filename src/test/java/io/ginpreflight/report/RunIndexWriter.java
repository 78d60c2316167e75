package io.ginpreflight.report;

import io.ginpreflight.model.Bytes;
import io.ginpreflight.model.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders reports/index.html: every kept run newest first, and charts of how each simulation's memory
 * moved from night to night. Self-contained like memory.html.
 */
final class RunIndexWriter {

  private static final String[] PALETTE = {"#1f6fb2", "#d9822b", "#2e7d32", "#6a1b9a", "#c62828", "#00838f"};

  private RunIndexWriter() {}

  /** {@code runs} newest first. */
  static String render(List<PublishedRun> runs) {
    StringBuilder html = new StringBuilder(32 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Gin Preflight runs</title><style>").append(PageStyle.CSS).append("</style></head><body>\n")
        .append("<h1>Gin Preflight runs</h1>\n<p class=\"meta\"><span>").append(runs.size())
        .append(runs.size() == 1 ? " run" : " runs").append(" kept, newest first</span></p>\n");
    html.append("<h2>Across runs</h2>");
    List<SvgChart> charts = List.of(
        trend("trend-heap-growth", "Largest post-GC heap growth of a judged phase", runs,
            r -> PhaseFigures.of(r).stream().filter(PhaseFigures::judged).map(PhaseFigures::heapGrowth)
                .filter(Objects::nonNull).map(Long::doubleValue).max(Double::compare).orElse(null),
            v -> Bytes.format(Math.round(v))),
        trend("trend-retained-per-request", "Largest retained bytes per request of a judged phase", runs,
            r -> PhaseFigures.of(r).stream().filter(PhaseFigures::judged)
                .map(PhaseFigures::retainedBytesPerRequest).filter(Objects::nonNull).max(Double::compare)
                .orElse(null),
            v -> String.format(Locale.ROOT, "%,.1f B", v)));
    boolean drawn = false;
    for (SvgChart chart : charts) {
      if (!chart.isEmpty()) {
        html.append("<figure><figcaption>").append(Html.esc(chart.title())).append("</figcaption>")
            .append(chart.render()).append("</figure>");
        drawn = true;
      }
    }
    if (!drawn) {
      html.append("<p class=\"note\">No run has memory figures yet.</p>");
    }
    html.append("\n<h2>Runs</h2><table id=\"runs\"><thead><tr><th>Run</th><th>Started</th><th>Verdict</th>"
        + "<th>Growth per judged phase</th><th>Retained bytes per request</th><th>Reports</th></tr></thead><tbody>");
    for (PublishedRun run : runs) {
      html.append(row(run));
    }
    return html.append("</tbody></table>\n</body></html>\n").toString();
  }

  private static String row(PublishedRun run) {
    Optional<RunVerdict> verdict = run.verdict();
    StringBuilder growth = new StringBuilder();
    StringBuilder retained = new StringBuilder();
    run.report().ifPresent(report -> {
      for (PhaseFigures f : PhaseFigures.of(report)) {
        if (!f.judged()) {
          continue;
        }
        growth.append(Html.esc(f.phase())).append(": heap ").append(Html.growth(f.heapGrowth(), Unit.BYTES))
            .append(", goroutines ").append(Html.growth(f.goroutineGrowth(), Unit.COUNT)).append("<br>");
        // A fitted trend ignores the warm-up round; a single phase's growth over its requests does not,
        // so a phase that filled a cache or held few long connections shows a large figure: say which.
        retained.append(Html.esc(f.phase())).append(": ").append(Html.bytesPerRequest(f.retainedBytesPerRequest()))
            .append(f.basis() == PhaseFigures.Basis.GROWTH ? " <span class=\"note\">(phase growth ÷ requests)</span>"
                : f.basis() == PhaseFigures.Basis.TREND ? " <span class=\"note\">(trend)</span>" : "")
            .append("<br>");
      }
    });
    String folder = Html.esc(run.folder());
    StringBuilder links = new StringBuilder();
    if (run.hasGatlingReport()) {
      links.append("<a href=\"").append(folder).append("/index.html\">Gatling</a> ");
    }
    if (run.hasMemoryReport()) {
      links.append("<a href=\"").append(folder).append("/memory.html\">Memory</a>");
    }
    return "<tr><td>" + folder + "</td><td>" + Html.when(run.startedAt()) + "</td><td class=\""
        + Html.verdictClass(verdict.orElse(null)) + "\">" + verdict.map(RunVerdict::name).orElse("UNKNOWN")
        + "</td><td>" + growth + "</td><td class=\"num\">"
        + retained + "</td><td>" + links + "</td></tr>\n";
  }

  /** One line per simulation, oldest run on the left. */
  private static SvgChart trend(String id, String title, List<PublishedRun> runs,
      Function<MemoryReport, Double> figure, java.util.function.DoubleFunction<String> format) {
    Map<String, List<SvgChart.Point>> bySimulation = new LinkedHashMap<>();
    for (int i = runs.size() - 1; i >= 0; i--) {
      PublishedRun run = runs.get(i);
      Double value = run.report().map(figure).orElse(null);
      if (value != null) {
        bySimulation.computeIfAbsent(run.simulation(), s -> new ArrayList<>())
            .add(new SvgChart.Point(run.startedAt(), value));
      }
    }
    SvgChart chart = SvgChart.of(id, title, format).calendarAxis();
    int colour = 0;
    for (Map.Entry<String, List<SvgChart.Point>> line : bySimulation.entrySet()) {
      chart = chart.line(line.getKey(), PALETTE[colour++ % PALETTE.length], line.getValue());
    }
    return chart;
  }
}
