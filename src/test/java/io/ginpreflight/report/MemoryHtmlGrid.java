package io.ginpreflight.report;

import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every check at a glance: one row per phase (and the whole run), one column per check, each cell its
 * status with the sentence in a tooltip; the sentences are also listed, folded, below the grid. A cell of a
 * check that did not pass links to its detail in "What failed".
 */
final class MemoryHtmlGrid {

  private MemoryHtmlGrid() {}

  private record Cell(Status status, String message, String failedId) {}

  /** The check's name, e.g. {@code retained bytes per request}; a kind this reader does not know says so. */
  static String checkName(CheckResult check) {
    return check.kind() == null ? "unknown check" : check.kind().checkName();
  }

  static String grid(List<CheckResult> checks, List<MemoryHtmlFailed.Failed> failed) {
    Map<String, Map<String, Cell>> byPhase = new LinkedHashMap<>();
    List<String> columns = new ArrayList<>();
    for (CheckResult check : checks) {
      put(byPhase, columns, check, failed);
    }
    if (byPhase.isEmpty()) {
      return "<h2>Every check</h2><p class=\"note\">No memory check was recorded: the run ended before any judged "
          + "phase was probed.</p>";
    }
    StringBuilder html = new StringBuilder("<h2>Every check</h2><table id=\"verdict\" class=\"grid\"><thead><tr>"
        + "<th>Phase</th>");
    columns.forEach(c -> html.append("<th>").append(Html.esc(c)).append("</th>"));
    html.append("</tr></thead><tbody>");
    StringBuilder sentences = new StringBuilder();
    byPhase.forEach((phase, cells) -> {
      html.append("<tr><td>").append(Html.esc(phase)).append("</td>");
      for (String column : columns) {
        Cell cell = cells.get(column);
        if (cell == null) {
          html.append("<td class=\"none\">–</td>");
          continue;
        }
        String label = cell.failedId() == null ? Html.esc(cell.status())
            : "<a href=\"#" + cell.failedId() + "\">" + Html.esc(cell.status()) + "</a>";
        html.append("<td class=\"").append(Html.statusClass(cell.status())).append("\" title=\"")
            .append(Html.esc(cell.message())).append("\">").append(label).append("</td>");
        sentences.append("<li><b>").append(Html.esc(column)).append(" [").append(Html.esc(phase)).append("]</b> ")
            .append(Html.esc(cell.status())).append(": ").append(Html.esc(cell.message())).append("</li>");
      }
      html.append("</tr>");
    });
    return html.append("</tbody></table><details id=\"sentences\"><summary>Every check's sentence</summary><ul>")
        .append(sentences).append("</ul></details>").toString();
  }

  private static void put(Map<String, Map<String, Cell>> byPhase, List<String> columns, CheckResult check,
      List<MemoryHtmlFailed.Failed> failed) {
    String column = checkName(check);
    if (!columns.contains(column)) {
      columns.add(column);
    }
    String id = failed.stream().filter(f -> f.check() == check).map(MemoryHtmlFailed.Failed::id).findFirst()
        .orElse(null);
    byPhase.computeIfAbsent(MemoryReport.text(check.scope(), "–"), p -> new LinkedHashMap<>())
        .put(column, new Cell(check.status(), check.message(), id));
  }
}
