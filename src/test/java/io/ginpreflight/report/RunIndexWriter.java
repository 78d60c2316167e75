package io.ginpreflight.report;

import io.ginpreflight.model.Bytes;
import io.ginpreflight.model.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders reports/index.html: every kept run newest first, and per group of comparable runs (target,
 * simulation, profile) charts of how its memory moved from night to night. Self-contained like memory.html.
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
    html.append("<h2>Across runs</h2><p class=\"note\">One group per target, simulation and profile: a run is "
        + "drawn only beside runs it is comparable with (the same ones its baseline check uses).</p>");
    Map<String, List<PublishedRun>> groups = groups(runs);
    boolean drawn = false;
    int group = 0;
    for (Map.Entry<String, List<PublishedRun>> entry : groups.entrySet()) {
      group++;
      List<SvgChart> charts = List.of(
          history("history-heap-growth-" + group, "Post-GC heap growth per judged phase", entry.getValue(),
              f -> f.heapGrowth() == null ? null : f.heapGrowth().doubleValue(), v -> Bytes.format(Math.round(v))),
          history("history-retained-per-request-" + group, "Retained bytes per request per judged phase", entry.getValue(),
              PhaseFigures::retainedBytesPerRequest, v -> String.format(Locale.ROOT, "%,.1f B", v)));
      if (charts.stream().allMatch(SvgChart::isEmpty)) {
        continue;
      }
      drawn = true;
      html.append("<section class=\"history-group\" id=\"group-").append(group).append("\" data-key=\"")
          .append(Html.esc(entry.getKey())).append("\"><h3>").append(Html.esc(entry.getKey())).append(" <span class=\"note\">(")
          .append(entry.getValue().size()).append(entry.getValue().size() == 1 ? " run" : " runs").append(")</span></h3>");
      for (SvgChart chart : charts) {
        if (!chart.isEmpty()) {
          html.append("<figure><figcaption>").append(Html.esc(chart.title())).append("</figcaption>")
              .append(chart.render()).append("</figure>");
        }
      }
      html.append("</section>\n");
    }
    if (!drawn) {
      html.append("<p class=\"note\">No run has memory figures yet.</p>");
    }
    html.append("\n<h2>Runs</h2><table id=\"runs\"><thead><tr><th>Run</th><th>Started</th><th>Verdict</th>"
        + "<th>Compared as</th><th>Growth per judged phase</th><th>Retained bytes per request</th><th>Reports</th></tr></thead><tbody>");
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
        // A fitted rate ignores the warm-up round; a single phase's growth over its requests does not,
        // so a phase that filled a cache or held few long connections shows a large figure: say which.
        retained.append(Html.esc(f.phase())).append(": ").append(Html.bytesPerRequest(f.retainedBytesPerRequest()))
            .append(f.basis() == PhaseFigures.Basis.GROWTH ? " <span class=\"note\">(phase growth ÷ requests)</span>"
                : f.basis() == PhaseFigures.Basis.FITTED ? " <span class=\"note\">(fitted)</span>" : "")
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
        + "</td><td>" + Html.esc(key(run)) + "</td><td>" + growth + "</td><td class=\"num\">"
        + retained + "</td><td>" + links + "</td></tr>\n";
  }

  /** The comparable key of a run; a run without an identity is a group of its own simulation's. */
  static String key(PublishedRun run) {
    return run.report().filter(r -> r.identity() != null).map(r -> r.identity().comparableKey())
        .orElse(run.simulation() + " (no identity recorded)");
  }

  /** Runs by comparable key, newest first in each group; groups in the order of their newest run. */
  static Map<String, List<PublishedRun>> groups(List<PublishedRun> runs) {
    Map<String, List<PublishedRun>> groups = new LinkedHashMap<>();
    runs.forEach(run -> groups.computeIfAbsent(key(run), k -> new ArrayList<>()).add(run));
    return groups;
  }

  /** One line per judged phase of one group of comparable runs, oldest run on the left. */
  private static SvgChart history(String id, String title, List<PublishedRun> runs,
      Function<PhaseFigures, Double> figure, java.util.function.DoubleFunction<String> format) {
    Map<String, List<SvgChart.Point>> byPhase = new LinkedHashMap<>();
    for (int i = runs.size() - 1; i >= 0; i--) {
      PublishedRun run = runs.get(i);
      if (run.report().isEmpty()) {
        continue;
      }
      for (PhaseFigures phase : PhaseFigures.of(run.report().get())) {
        Double value = phase.judged() ? figure.apply(phase) : null;
        if (value != null) {
          byPhase.computeIfAbsent(phase.phase(), p -> new ArrayList<>()).add(new SvgChart.Point(run.startedAt(), value));
        }
      }
    }
    SvgChart chart = SvgChart.of(id, title, format).calendarAxis();
    int colour = 0;
    for (Map.Entry<String, List<SvgChart.Point>> line : byPhase.entrySet()) {
      chart = chart.line(line.getKey(), PALETTE[colour++ % PALETTE.length], line.getValue());
    }
    return chart;
  }
}
