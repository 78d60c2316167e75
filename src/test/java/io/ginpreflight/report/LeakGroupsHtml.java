package io.ginpreflight.report;

import io.ginpreflight.model.Bytes;
import io.ginpreflight.model.DescriptorGroup;
import io.ginpreflight.model.GoroutineGroup;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.TempFileGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * The KO detail of memory.html: for each failed check, the groups behind its number (goroutines by stack,
 * state and creator with the stack folded; descriptors by kind and peer; temp files by pattern and size).
 * Empty when no KO check has groups.
 */
final class LeakGroupsHtml {

  private LeakGroupsHtml() {}

  private record Failed(String name, LeakDetail detail) {}

  static String section(MemoryReport report) {
    List<Failed> failed = new ArrayList<>();
    ReportParts.list(report.checks()).stream().filter(c -> c.status() == Status.KO && !detail(c.detail()).isEmpty())
        .forEach(c -> failed.add(new Failed(c.name(), c.detail())));
    ReportParts.list(report.trends()).forEach(t -> ReportParts.list(t.rates()).stream()
        .filter(r -> r.status() == Status.KO && !detail(r.detail()).isEmpty())
        .forEach(r -> failed.add(new Failed(r.check(), r.detail()))));
    if (failed.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<section id=\"leak-groups\"><h2>What the failed checks left behind</h2>");
    for (Failed check : failed) {
      html.append("<h3>").append(Html.esc(check.name())).append("</h3>");
      html.append(goroutines(check.detail().goroutines())).append(descriptors(check.detail().descriptors()))
          .append(tempFiles(check.detail().tempFiles()));
    }
    return html.append("</section>").toString();
  }

  private static LeakDetail detail(LeakDetail detail) {
    return detail == null ? LeakDetail.NONE : detail;
  }

  private static String goroutines(List<GoroutineGroup> groups) {
    if (groups.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<table class=\"sites goroutine-groups\"><thead><tr><th>Growth</th>"
        + "<th>State</th><th>Waiting at</th><th>Created by</th><th>Stack</th></tr></thead><tbody>");
    for (GoroutineGroup g : groups) {
      String state = g.state() + (g.waitMinutes() > 0 ? ", at least " + g.waitMinutes() + " min" : "")
          + (g.provedLeaked() ? ", proved leaked" : "");
      html.append("<tr title=\"").append(Html.esc(g.sentence())).append("\"><td class=\"num\">+")
          .append(g.growth()).append("</td><td>").append(Html.esc(state)).append("</td><td><code>")
          .append(Html.esc(g.function())).append(" (").append(Html.esc(g.location())).append(")</code>")
          .append(g.pprofLabels().isEmpty() ? "" : " <small>labels " + Html.esc(g.pprofLabels()) + "</small>")
          .append("</td><td><code>").append(Html.esc(g.createdBy().isEmpty() ? "–"
              : g.createdBy() + " (" + g.createdAt() + ")")).append("</code></td><td><details><summary>")
          .append(g.stack().size()).append(g.stack().size() == 1 ? " frame" : " frames").append("</summary><pre>")
          .append(Html.esc(String.join("\n", g.stack()))).append("</pre></details></td></tr>");
    }
    return html.append("</tbody></table>").toString();
  }

  private static String descriptors(List<DescriptorGroup> groups) {
    if (groups.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<table class=\"sites descriptor-groups\"><thead><tr><th>Growth</th>"
        + "<th>Kind</th><th>Peer or path</th><th>Detail</th></tr></thead><tbody>");
    for (DescriptorGroup g : groups) {
      html.append("<tr><td class=\"num\">+").append(g.growth()).append("</td><td>")
          .append(Html.esc(g.kind().counted(g.growth()))).append("</td><td><code>").append(Html.esc(g.peer()))
          .append("</code></td><td>").append(Html.esc(g.detail())).append("</td></tr>");
    }
    return html.append("</tbody></table>").toString();
  }

  private static String tempFiles(List<TempFileGroup> groups) {
    if (groups.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<table class=\"sites temp-file-groups\"><thead><tr><th>Growth</th>"
        + "<th>Pattern</th><th>Size each</th><th>Grown by</th><th>In</th><th>Written by</th></tr></thead><tbody>");
    for (TempFileGroup g : groups) {
      String sizes = g.smallestBytes() == g.largestBytes() ? Bytes.format(g.largestBytes())
          : Bytes.format(g.smallestBytes()) + " to " + Bytes.format(g.largestBytes());
      html.append("<tr><td class=\"num\">+").append(g.growth()).append("</td><td><code>")
          .append(Html.esc(g.pattern())).append("</code></td><td class=\"num\">").append(Html.esc(sizes))
          .append("</td><td class=\"num\">").append(Html.esc(Bytes.format(g.grownBytes()))).append("</td><td><code>")
          .append(Html.esc(g.directory())).append("</code></td><td>")
          .append(Html.esc(g.knownCreator().isEmpty() ? "–" : g.knownCreator())).append("</td></tr>");
    }
    return html.append("</tbody></table>").toString();
  }
}
