package io.ginpreflight.report;

import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.HeapDetail;
import io.ginpreflight.model.HeapFrame;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * The head of memory.html: every check that did not pass (KO, and INCONCLUSIVE: could not measure is never a
 * pass), each with its sentence and the detail behind it: the top growing sites with their whole allocation
 * stacks folded, the service's own frames highlighted, bytes and objects before and after, each heap figure
 * with its sampling uncertainty.
 */
final class MemoryHtmlFailed {

  static final String CSS = """
      .ko-check{border:1px solid #e6b8b5;border-left:4px solid #c62828;border-radius:4px;padding:6px 12px;
        margin:10px 0}.ko-check.inconclusive{border-color:#e0d2a0;border-left-color:#8d6e00}
      .ko-check h3{margin:4px 0}.ko-check .sentence{margin:4px 0 8px}
      ol.stack{margin:4px 0;padding-left:26px;font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
      ol.stack li.own{background:#fff1dc;font-weight:600}ol.stack li .where{color:#566173}
      details summary{cursor:pointer;color:#1d4f91}
      .scroll{overflow-x:auto}table.sites{font-size:12px}table.sites td.num .msg{white-space:normal;min-width:9em}
      table.grid td,table.grid th{text-align:center}table.grid td:first-child{text-align:left}
      table.grid td.none{color:#a0a7b4}
      """;

  /** A check that did not pass, and the id its grid cell links to. */
  record Failed(String id, CheckResult check) {}

  private MemoryHtmlFailed() {}

  static List<Failed> of(List<CheckResult> checks) {
    List<Failed> failed = new ArrayList<>();
    for (CheckResult check : checks) {
      if (check.status() != Status.OK) {
        failed.add(new Failed("failed-" + failed.size(), check));
      }
    }
    return failed;
  }

  static String section(List<Failed> failed, boolean anyCheck) {
    StringBuilder html = new StringBuilder("<h2>What failed</h2><div id=\"failed\">");
    if (failed.isEmpty()) {
      return html.append("<p class=\"note\">").append(anyCheck ? "Every check passed: the grid below has each "
          + "one's sentence." : "No check was judged.").append("</p></div>").toString();
    }
    for (Failed f : failed) {
      CheckResult check = f.check();
      html.append("<section class=\"ko-check ").append(Html.statusClass(check.status())).append("\" id=\"")
          .append(f.id()).append("\"><h3><span class=\"badge ").append(Html.statusClass(check.status())).append("\">")
          .append(Html.esc(check.status())).append("</span> ").append(Html.esc(MemoryHtmlGrid.checkName(check)))
          .append(" [").append(Html.esc(check.scope())).append("]</h3><p class=\"sentence\">")
          .append(Html.esc(check.message())).append("</p>")
          .append(AttributionHtml.table(check.detail().attribution())).append(sites(check.detail().sites()))
          .append("<div class=\"groups\" id=\"").append(f.id()).append("-groups\">")
          .append(LeakGroupsHtml.tables(check.detail())).append("</div></section>");
    }
    return html.append("</div>").toString();
  }

  static String sites(List<SiteGrowth> sites) {
    if (sites.isEmpty()) {
      return "";
    }
    boolean heap = sites.get(0).heap() != null;
    StringBuilder html = new StringBuilder("<div class=\"scroll\"><table class=\"sites\"><thead><tr><th>Site</th><th>Location</th>"
        + (heap ? "<th>Module</th>" : "") + "<th>Before</th><th>After</th><th>Growth</th>"
        + (heap ? "<th>Objects before</th><th>Objects after</th>" : "") + "</tr></thead><tbody>");
    for (SiteGrowth site : sites) {
      HeapDetail detail = site.heap();
      html.append("<tr><td><code>").append(Html.esc(site.function())).append("</code>");
      if (detail != null) {
        if (!detail.allocatedIn().isEmpty()) {
          html.append("<div class=\"msg\">allocated in <code>").append(Html.esc(detail.allocatedIn()))
              .append("</code></div>");
        }
        if (!detail.knownLeak().isEmpty()) {
          html.append("<div class=\"msg known-leak\">note: ").append(Html.esc(detail.knownLeak())).append("</div>");
        }
        html.append(stack(detail.stack()));
      }
      html.append("</td><td><code>").append(Html.esc(site.location())).append("</code></td>");
      if (detail != null) {
        html.append("<td>").append(Html.esc(detail.module())).append("</td>");
      }
      html.append("<td class=\"num\">").append(Html.value(site.before(), site.unit())).append("</td><td class=\"num\">")
          .append(Html.value(site.after(), site.unit())).append("</td><td class=\"num\">")
          .append(Html.growth(site.growth(), site.unit()));
      if (detail != null) {
        html.append(detail.uncertaintyBytes() > 0 ? " ±" + Html.value(detail.uncertaintyBytes(), Unit.BYTES) : "")
            .append("<div class=\"msg\">").append(detail.samplingRate() <= 1 ? "every allocation recorded"
                : "sampled every " + Html.value(detail.samplingRate(), Unit.BYTES)).append(site.beyondSampling() ? ""
                : ", within its sampling uncertainty").append("</div></td><td class=\"num\">")
            .append(detail.objectsBefore()).append("</td><td class=\"num\">").append(detail.objectsAfter());
      }
      html.append("</td></tr>");
    }
    return html.append("</tbody></table></div>").toString();
  }

  /** The whole allocation stack, innermost first as pprof prints it, folded; the service's frames marked. */
  private static String stack(List<HeapFrame> frames) {
    if (frames.isEmpty()) {
      return "";
    }
    long own = frames.stream().filter(HeapFrame::own).count();
    StringBuilder html = new StringBuilder("<details class=\"stack\"><summary>allocation stack, ")
        .append(frames.size()).append(frames.size() == 1 ? " frame" : " frames").append(", ")
        .append(own == 0 ? "none of them yours" : own + " of yours").append("</summary><ol class=\"stack\">");
    for (HeapFrame frame : frames) {
      html.append("<li").append(frame.own() ? " class=\"own\"" : "").append(">").append(Html.esc(frame.function()))
          .append(" <span class=\"where\">").append(Html.esc(frame.location())).append("</span></li>");
    }
    return html.append("</ol></details>").toString();
  }
}
