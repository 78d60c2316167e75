package io.ginpreflight.report;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Figures;
import io.ginpreflight.model.RunIdentity;
import java.util.List;

/**
 * The history's part of memory.html: what the run is compared as, and each judged phase's figures against
 * the median of the earlier comparable runs. Its own writer, so memory.html's layout stays its own.
 */
final class BaselineHtml {

  private BaselineHtml() {}

  static String section(MemoryReport report) {
    RunIdentity identity = report.identity();
    List<CheckResult> baselines = report.checks(CheckKind.Rule.BASELINE);
    StringBuilder html = new StringBuilder("<h2>Against earlier runs</h2>");
    if (identity == null) {
      return html.append("<p class=\"note\">This report records no identity, so it is compared with no other run.</p>\n")
          .toString();
    }
    html.append("<p class=\"meta\" id=\"identity\"><span>compared as ").append(Html.esc(identity.comparableKey()))
        .append("</span><span>target flags ").append(Html.esc(identity.targetFlags().isEmpty() ? "(none)"
            : String.join(" ", identity.targetFlags()))).append("</span><span>Go ")
        .append(Html.esc(identity.goVersion() == null ? "unknown" : identity.goVersion())).append("</span><span>Gin Preflight ")
        .append(Html.esc(identity.projectVersion())).append("</span></p>");
    if (baselines.isEmpty()) {
      return html.append("<p class=\"note\" id=\"baseline-off\">No baseline check ran (preflight.baseline is off, or no "
          + "phase was judged).</p>\n").toString();
    }
    html.append("<table id=\"baselines\"><thead><tr><th>Phase</th><th>Figure</th><th>This run</th>"
        + "<th>Median of earlier runs</th><th>Runs</th><th>Limit</th><th>Status</th></tr></thead><tbody>");
    for (CheckResult baseline : baselines) {
      for (CheckResult figure : baseline.parts()) {
        Figures figures = figure.figures();
        html.append("<tr><td>").append(Html.esc(baseline.scope())).append("</td><td>")
            .append(Html.esc(figure.kind() == null ? "unknown" : figure.kind().label())).append("</td><td class=\"num\">")
            .append(format(figure, figures.value())).append("</td><td class=\"num\">")
            .append(format(figure, figures.median())).append("</td><td class=\"num\">")
            .append(figures.runs() == null ? "–" : figures.runs()).append("</td><td class=\"num\">+")
            .append(format(figure, figures.limit())).append("</td><td class=\"").append(Html.statusClass(figure.status()))
            .append("\">").append(Html.esc(figure.status())).append("<div class=\"msg\">").append(Html.esc(figure.message()))
            .append("</div></td></tr>");
      }
    }
    return html.append("</tbody></table>\n").toString();
  }

  private static String format(CheckResult figure, Double value) {
    return value == null || figure.kind() == null ? "–" : Html.esc(figure.kind().format(value));
  }
}
