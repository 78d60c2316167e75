package io.ginpreflight.report;

import io.ginpreflight.model.Bytes;
import io.ginpreflight.model.DescriptorGroup;
import io.ginpreflight.model.GoroutineGroup;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.TempFileGroup;
import java.util.List;

/**
 * The groups behind a failed check's number, for its detail in memory.html's "What failed": goroutines by
 * stack, state and creator with the stack folded; descriptors by kind and peer; temp files by pattern and size.
 */
final class LeakGroupsHtml {

  private LeakGroupsHtml() {}

  /** The check's groups, one table per kind; empty when it has none. */
  static String tables(LeakDetail detail) {
    LeakDetail groups = detail == null ? LeakDetail.NONE : detail;
    return goroutines(groups.goroutines()) + descriptors(groups.descriptors()) + tempFiles(groups.tempFiles());
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
