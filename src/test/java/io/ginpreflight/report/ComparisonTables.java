package io.ginpreflight.report;

import io.ginpreflight.model.RunIdentity;
import io.ginpreflight.model.Unit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The tables of comparison.html that come from memory.json alone: identities, phase figures, verdicts. */
final class ComparisonTables {

  private ComparisonTables() {}

  /** The comparable key of a run, or its simulation when it recorded no identity. */
  static String key(MemoryReport report) {
    return report.identity() == null ? "no identity recorded (" + report.simulation() + ")"
        : report.identity().comparableKey();
  }

  static String identity(MemoryReport base, MemoryReport run) {
    Map<String, String[]> rows = new LinkedHashMap<>();
    rows.put("compared as", new String[] {key(base), key(run)});
    rows.put("target flags", new String[] {flags(base.identity()), flags(run.identity())});
    rows.put("target", new String[] {base.target(), run.target()});
    rows.put("Go version", new String[] {goVersion(base.identity()), goVersion(run.identity())});
    rows.put("Gin Preflight version", new String[] {projectVersion(base.identity()), projectVersion(run.identity())});
    rows.put("started", new String[] {Html.when(base.startedAt()), Html.when(run.startedAt())});
    rows.put("verdict", new String[] {String.valueOf(base.verdict()), String.valueOf(run.verdict())});
    StringBuilder html = new StringBuilder("<h2>What each ran against</h2><table id=\"identity\"><thead><tr><th></th>"
        + "<th>the other run</th><th>this run</th></tr></thead><tbody>");
    rows.forEach((name, values) -> html.append("<tr").append(Objects.equals(values[0], values[1]) ? "" : " class=\"differs\"")
        .append("><th>").append(Html.esc(name)).append("</th><td>").append(Html.esc(values[0])).append("</td><td>")
        .append(Html.esc(values[1])).append("</td></tr>"));
    return html.append("</tbody></table>\n").toString();
  }

  private static String flags(RunIdentity identity) {
    return identity == null ? "–" : identity.targetFlags().isEmpty() ? "(none)" : String.join(" ", identity.targetFlags());
  }

  private static String goVersion(RunIdentity identity) {
    return identity == null || identity.goVersion() == null ? "–" : identity.goVersion();
  }

  private static String projectVersion(RunIdentity identity) {
    return identity == null || identity.projectVersion() == null ? "–" : identity.projectVersion();
  }

  /** Every phase of either run, in this run's order, its figures side by side. */
  static String phases(MemoryReport base, MemoryReport run) {
    Map<String, PhaseFigures> before = byPhase(base);
    Map<String, PhaseFigures> after = byPhase(run);
    Set<String> names = new LinkedHashSet<>(after.keySet());
    names.addAll(before.keySet());
    StringBuilder html = new StringBuilder("<h2>Per phase, side by side</h2><p class=\"note\">Each cell: the other run → "
        + "this run.</p><table id=\"phases\"><thead><tr><th>Phase</th><th>Requests</th><th>Heap growth</th>"
        + "<th>Goroutine growth</th><th>Retained bytes per request</th><th>Goroutines per 1,000 requests</th>"
        + "</tr></thead><tbody>");
    for (String name : names) {
      PhaseFigures b = before.get(name);
      PhaseFigures a = after.get(name);
      html.append("<tr><td>").append(Html.esc(name)).append(b == null ? " <span class=\"note\">(only in this run)</span>"
          : a == null ? " <span class=\"note\">(only in the other run)</span>" : "").append("</td>")
          .append(cell(b == null ? "–" : Html.number((double) b.requests(), 0), a == null ? "–" : Html.number((double) a.requests(), 0)))
          .append(cell(b == null ? "–" : Html.growth(b.heapGrowth(), Unit.BYTES), a == null ? "–" : Html.growth(a.heapGrowth(), Unit.BYTES)))
          .append(cell(b == null ? "–" : Html.growth(b.goroutineGrowth(), Unit.COUNT), a == null ? "–" : Html.growth(a.goroutineGrowth(), Unit.COUNT)))
          .append(cell(b == null ? "–" : Html.bytesPerRequest(b.retainedBytesPerRequest()), a == null ? "–" : Html.bytesPerRequest(a.retainedBytesPerRequest())))
          .append(cell(b == null ? "–" : Html.number(b.goroutinesPer1000Requests(), 2), a == null ? "–" : Html.number(a.goroutinesPer1000Requests(), 2)))
          .append("</tr>");
    }
    return html.append("</tbody></table>\n").toString();
  }

  private static String cell(String before, String after) {
    return "<td class=\"num\">" + before + " → " + after + "</td>";
  }

  private static Map<String, PhaseFigures> byPhase(MemoryReport report) {
    Map<String, PhaseFigures> byPhase = new LinkedHashMap<>();
    PhaseFigures.of(report).forEach(f -> byPhase.put(f.phase(), f));
    return byPhase;
  }

  /** The records whose status changed, with this run's sentence for each. */
  static String changedVerdicts(Map<String, String> base, Map<String, String> run, MemoryReport report) {
    List<String> changed = ComparisonWriter.changed(base, run);
    StringBuilder html = new StringBuilder("<h2>Verdicts that changed</h2>");
    if (changed.isEmpty()) {
      return html.append("<p class=\"note\" id=\"no-changed-verdicts\">Every check has the same status in both runs.</p>\n")
          .toString();
    }
    Map<String, String> messages = messages(report);
    html.append("<table id=\"changed-verdicts\"><thead><tr><th>Check</th><th>the other run</th><th>this run</th>"
        + "<th>This run's sentence</th></tr></thead><tbody>");
    for (String name : changed) {
      String was = base.getOrDefault(name, "absent");
      String is = run.getOrDefault(name, "absent");
      html.append("<tr><td>").append(Html.esc(name)).append("</td><td class=\"").append(cssClass(was)).append("\">")
          .append(Html.esc(was)).append("</td><td class=\"").append(cssClass(is)).append("\">").append(Html.esc(is))
          .append("</td><td class=\"msg\">").append(Html.esc(messages.getOrDefault(name, ""))).append("</td></tr>");
    }
    return html.append("</tbody></table>\n").toString();
  }

  private static String cssClass(String status) {
    return switch (status) {
      case "OK", "PASS" -> "ok";
      case "KO", "FAIL" -> "ko";
      default -> "inconclusive";
    };
  }

  private static Map<String, String> messages(MemoryReport report) {
    Map<String, String> messages = new LinkedHashMap<>();
    report.checks().forEach(c -> messages.put(c.recordName(), c.message()));
    List<String> failures = report.failures();
    messages.put("run verdict", failures.isEmpty() ? "" : String.join("; ", failures));
    return messages;
  }
}
