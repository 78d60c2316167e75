package io.ginpreflight.report;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Renders memory.html: one self-contained page (inline CSS and SVG, no script, no network) that shows
 * what the memory did during the run and why the verdict is what it is.
 */
public final class MemoryHtmlWriter {

  private MemoryHtmlWriter() {}

  public static void write(MemoryReport report, List<Sample> samples, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, render(report, samples), StandardCharsets.UTF_8);
  }

  public static String render(MemoryReport report, List<Sample> samples) {
    String simulation = report.simulation();
    RunVerdict verdict = report.verdict();
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Memory – ").append(Html.esc(simulation)).append("</title><style>").append(PageStyle.CSS)
        .append(MemoryHtmlFailed.CSS).append(AttributionHtml.CSS)
        .append("</style></head><body>\n");
    html.append("<h1>Memory report: ").append(Html.esc(simulation)).append(" <span id=\"run-verdict\" class=\"badge ")
        .append(Html.verdictClass(verdict)).append("\">").append(Html.esc(verdict)).append("</span></h1>\n");
    html.append("<p class=\"meta\"><span>run ").append(Html.esc(report.runId())).append("</span><span>target ")
        .append(Html.esc(report.target())).append("</span><span>started ").append(Html.when(report.startedAt()))
        .append("</span><span>took ").append(took(report)).append("</span>")
        .append("<span><a href=\"index.html\">Gatling report</a></span>")
        .append("<span><a href=\"memory.json\">memory.json</a></span>")
        .append("<span><a href=\"memory-junit.xml\">memory-junit.xml</a></span></p>\n");
    html.append(failures(report.failures()));
    // What failed leads, with its detail; every check follows as a compact grid.
    List<CheckResult> judged = report.checks().stream().filter(c -> c.kind() != CheckKind.BASELINE).toList();
    List<MemoryHtmlFailed.Failed> failed = MemoryHtmlFailed.of(judged);
    html.append(MemoryHtmlFailed.section(failed, !judged.isEmpty())).append('\n');
    html.append(MemoryHtmlGrid.grid(judged, failed)).append('\n');
    html.append(MemoryHtmlBuild.section(report.build(), report.knownLeaks())).append('\n');
    html.append(charts(report, samples)).append('\n');
    html.append(MemoryHtmlTables.phases(PhaseFigures.of(report), report.phases())).append('\n');
    html.append(MemoryHtmlTables.rates(report.checks(CheckKind.Rule.RATE), report.noise())).append('\n');
    html.append(BaselineHtml.section(report));
    html.append(MemoryHtmlTables.profiles(report.phases(), report.probes())).append('\n');
    html.append(MemoryHtmlTables.signals(report.signals())).append('\n');
    html.append("<p class=\"note\">Written by Gin Preflight; the same data for machines is in memory.json "
        + "(schema version ").append(report.schemaVersion()).append(").</p>\n</body></html>\n");
    return html.toString();
  }

  private static String took(MemoryReport report) {
    if (report.startedAt() == null || report.endedAt() == null) {
      return "–";
    }
    return Html.elapsed(Duration.between(report.startedAt(), report.endedAt()));
  }

  private static String failures(List<String> failures) {
    if (failures.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<div class=\"banner\" id=\"failures\"><b>The run itself failed:</b><ul>");
    failures.forEach(f -> html.append("<li>").append(Html.esc(f)).append("</li>"));
    return html.append("</ul></div>\n").toString();
  }

  private static String charts(MemoryReport report, List<Sample> samples) {
    List<SvgChart> charts = SampleCharts.of(report, samples);
    StringBuilder html = new StringBuilder("<h2>Over time</h2>");
    if (charts.isEmpty()) {
      return html.append("<p class=\"note\">No continuous samples were recorded (")
          .append(Html.esc(report.samplesFile())).append(").</p>").toString();
    }
    html.append("<p class=\"note\">Shaded: phases (orange judged, grey warm-up). Dashed: probes at phase "
        + "boundaries, where the verdict's before and after values were read after forced GCs.</p>");
    for (SvgChart chart : charts) {
      html.append("<figure><figcaption>").append(Html.esc(chart.title())).append("</figcaption>").append(chart.render()).append("</figure>");
    }
    return html.toString();
  }
}
