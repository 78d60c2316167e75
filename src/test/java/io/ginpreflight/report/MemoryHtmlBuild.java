package io.ginpreflight.report;

import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.GoModule;
import io.ginpreflight.model.KnownLeakNote;
import java.util.List;

/**
 * The target's build: Go version, main module and dependencies with their versions (folded), and the notes
 * on modules whose version has a known, publicly fixed leak: advice beside the verdict, not a check.
 */
final class MemoryHtmlBuild {

  private MemoryHtmlBuild() {}

  static String section(BuildInfo build, List<KnownLeakNote> notes) {
    StringBuilder html = new StringBuilder("<h2>Target build</h2><div id=\"build\">");
    if (build == null) {
      return html.append("<p class=\"note\">This report has no build information.</p></div>").toString();
    }
    if (!build.known()) {
      html.append("<p>Go version and module versions: unknown (").append(Html.esc(build.unknown())).append(").");
      if (build.main() != null) {
        html.append(" Own code: module <code>").append(Html.esc(build.main().path())).append("</code> (")
            .append(Html.esc(build.source())).append(").");
      }
      return html.append("</p></div>").toString();
    }
    html.append("<p>").append(Html.esc(build.goVersion())).append(", main module <code>")
        .append(Html.esc(build.main() == null ? "unknown" : build.main().quoted())).append("</code>, read from ")
        .append(Html.esc(build.source())).append(".</p>");
    for (KnownLeakNote note : notes) {
      html.append("<p class=\"banner known-leak\">Note: <code>").append(Html.esc(note.module() + " " + note.version()))
          .append("</code> is in a release range with a known, publicly fixed leak (").append(Html.esc(note.affected()))
          .append("): ").append(Html.esc(note.mechanism())).append(". Fixed in ").append(Html.esc(note.fixed()))
          .append(": <code>").append(Html.esc(note.source())).append("</code>. Advice, not a check.</p>");
    }
    html.append("<details id=\"modules\"><summary>").append(build.dependencies().size())
        .append(" dependencies</summary><table><thead><tr><th>Module</th><th>Version</th><th>Replaced by</th></tr>"
            + "</thead><tbody>");
    for (GoModule module : build.dependencies()) {
      html.append("<tr><td><code>").append(Html.esc(module.path())).append("</code></td><td>")
          .append(Html.esc(module.version())).append("</td><td>").append(Html.esc(module.replacedBy()))
          .append("</td></tr>");
    }
    return html.append("</tbody></table></details></div>").toString();
  }
}
