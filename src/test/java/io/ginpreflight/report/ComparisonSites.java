package io.ginpreflight.report;

import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.signal.SiteDiff;
import io.ginpreflight.watch.ProbeProfiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of comparison.html read from the profiles: per phase both runs had, the allocation sites and
 * goroutine stacks whose size differs between the two runs' closing probes (larger in this run first,
 * then larger in the other), and the {@code go tool pprof -base} command across the runs.
 */
final class ComparisonSites {

  /** Per phase and direction: the largest differences, as memory.html lists a phase's top growth. */
  private static final int TOP = 10;

  private ComparisonSites() {}

  /** One differing site: in which phase, which profile, and how much in each run. */
  record Changed(String phase, String profile, SiteGrowth site, boolean largerHere) {}

  static String section(ComparedRun base, ComparedRun run) {
    List<Changed> changed = new ArrayList<>();
    StringBuilder commands = new StringBuilder();
    Path workdir = commonParent(base.folder(), run.folder());
    for (PhaseRecord phase : run.report().phases()) {
      Optional<ProbeRecord> here = closing(run.report(), phase.name());
      Optional<ProbeRecord> there = closing(base.report(), phase.name());
      if (!phase.judged() || here.isEmpty() || there.isEmpty()) {
        continue;
      }
      ProbeProfiles other = base.profiles().apply(there.get().index());
      ProbeProfiles mine = run.profiles().apply(here.get().index());
      other.heap().ifPresent(a -> mine.heap().ifPresent(b -> changed.addAll(both(phase.name(), "heap",
          SiteDiff.heap(a, b, TOP), SiteDiff.heap(b, a, TOP)))));
      other.goroutines().ifPresent(a -> mine.goroutines().ifPresent(b -> changed.addAll(both(phase.name(),
          "goroutines", SiteDiff.goroutines(a, b, TOP), SiteDiff.goroutines(b, a, TOP)))));
      String a = there.get().profiles().get(ProfileKind.HEAP);
      String b = here.get().profiles().get(ProfileKind.HEAP);
      if (a != null && b != null) {
        commands.append("<h3>").append(Html.esc(phase.name())).append("</h3><pre>cd ").append(Html.esc(workdir))
            .append("\ngo tool pprof -base ").append(Html.esc(base.pathFrom(workdir, a))).append(' ')
            .append(Html.esc(run.pathFrom(workdir, b))).append("</pre>");
      }
    }
    StringBuilder html = new StringBuilder("<h2>Sites that differ between the closing profiles</h2>");
    if (changed.isEmpty()) {
      html.append("<p class=\"note\" id=\"no-changed-sites\">No allocation site or goroutine stack differs between the "
          + "closing profiles of the phases both runs had (or their profiles were not kept).</p>");
    } else {
      html.append("<p class=\"note\">In-use heap by allocation site and goroutines by stack, at the probe that closed "
          + "each phase, this run against the other; sampled as pprof samples them.</p><table id=\"changed-sites\">"
          + "<thead><tr><th>Phase</th><th>Profile</th><th>Site</th><th>the other run</th><th>this run</th>"
          + "<th>Difference</th></tr></thead><tbody>");
      for (Changed c : changed) {
        SiteGrowth s = c.site();
        long other = c.largerHere() ? s.before() : s.after();
        long mine = c.largerHere() ? s.after() : s.before();
        html.append("<tr><td>").append(Html.esc(c.phase())).append("</td><td>").append(Html.esc(c.profile()))
            .append("</td><td><code>").append(Html.esc(s.function())).append("</code> <span class=\"note\">")
            .append(Html.esc(s.location())).append("</span></td><td class=\"num\">").append(Html.value(other, s.unit()))
            .append("</td><td class=\"num\">").append(Html.value(mine, s.unit())).append("</td><td class=\"num\">")
            .append(Html.growth(mine - other, s.unit())).append("</td></tr>");
      }
      html.append("</tbody></table>");
    }
    html.append("<h2>Across the two runs in pprof</h2>");
    if (commands.isEmpty()) {
      html.append("<p class=\"note\">No phase of both runs kept a heap profile at its closing probe.</p>");
    } else {
      html.append("<p class=\"note\">Shows what this run holds at the end of each phase that the other did not.</p>")
          .append(commands);
    }
    return html.append('\n').toString();
  }

  private static Optional<ProbeRecord> closing(MemoryReport report, String phase) {
    return report.phase(phase).map(PhaseRecord::closingProbe)
        .flatMap(index -> report.probes().stream().filter(p -> p.index() == index).findFirst());
  }

  private static List<Changed> both(String phase, String profile, List<SiteGrowth> largerHere,
      List<SiteGrowth> largerThere) {
    List<Changed> changed = new ArrayList<>();
    largerHere.forEach(s -> changed.add(new Changed(phase, profile, s, true)));
    largerThere.forEach(s -> changed.add(new Changed(phase, profile, s, false)));
    return changed;
  }

  private static Path commonParent(Path a, Path b) {
    Path parent = a.getParent();
    while (parent != null && !b.startsWith(parent)) {
      parent = parent.getParent();
    }
    return parent == null ? Path.of("/") : parent;
  }
}
