package io.ginpreflight.report;

import io.ginpreflight.model.BaselineComparison;
import io.ginpreflight.model.BaselineResult;
import io.ginpreflight.model.BaselineStatus;
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
    List<BaselineResult> baselines = ReportParts.list(report.baselines());
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
    for (BaselineResult baseline : baselines) {
      for (BaselineComparison figure : baseline.figures()) {
        html.append("<tr><td>").append(Html.esc(baseline.phase())).append("</td><td>")
            .append(Html.esc(figure.figure() == null ? "unknown" : figure.figure().label())).append("</td><td class=\"num\">")
            .append(format(figure, figure.value())).append("</td><td class=\"num\">").append(format(figure, figure.median()))
            .append("</td><td class=\"num\">").append(figure.runs()).append("</td><td class=\"num\">+")
            .append(format(figure, figure.limit())).append("</td><td class=\"").append(statusClass(figure.status()))
            .append("\">").append(Html.esc(figure.status())).append("<div class=\"msg\">").append(Html.esc(figure.message()))
            .append("</div></td></tr>");
      }
    }
    return html.append("</tbody></table>\n").toString();
  }

  private static String format(BaselineComparison figure, Double value) {
    return value == null || figure.figure() == null ? "–" : Html.esc(figure.figure().format(value));
  }

  static String statusClass(BaselineStatus status) {
    return status == BaselineStatus.OK ? "ok" : status == BaselineStatus.KO ? "ko" : "inconclusive";
  }
}
