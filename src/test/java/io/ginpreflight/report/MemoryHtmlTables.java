package io.ginpreflight.report;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Figures;
import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Source;
import io.ginpreflight.model.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The tables of memory.html, each a section of its own; every text that came from a run is escaped. */
final class MemoryHtmlTables {

  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._/+=:-]+");

  private MemoryHtmlTables() {}

  static String phases(List<PhaseFigures> figures, List<PhaseRecord> phases) {
    StringBuilder html = new StringBuilder("<h2>Per phase</h2><table id=\"phases\"><thead><tr><th>Phase</th>"
        + "<th>Judged</th><th>Rounds</th><th>Duration</th><th>Requests</th><th>Heap growth</th>"
        + "<th>Retained bytes per request</th><th>Goroutine growth</th><th>Goroutines per 1,000 requests</th>"
        + "</tr></thead><tbody>");
    for (int i = 0; i < figures.size(); i++) {
      PhaseFigures f = figures.get(i);
      PhaseRecord phase = phases.get(i);
      String duration = phase.startedAt() == null || phase.endedAt() == null ? "–"
          : Html.elapsed(java.time.Duration.between(phase.startedAt(), phase.endedAt()));
      String fitted = f.basis() == PhaseFigures.Basis.FITTED ? " <span class=\"note\">(fitted)</span>" : "";
      html.append("<tr><td>").append(Html.esc(f.phase())).append("</td><td>").append(f.judged() ? "yes" : "warm-up")
          .append("</td><td class=\"num\">").append(rounds(phase)).append("</td><td class=\"num\">").append(duration)
          .append("</td><td class=\"num\">").append(String.format(java.util.Locale.ROOT, "%,d", f.requests()))
          .append("</td><td class=\"num\">").append(Html.growth(f.heapGrowth(), Unit.BYTES))
          .append("</td><td class=\"num\">").append(Html.bytesPerRequest(f.retainedBytesPerRequest()))
          .append(fitted).append("</td><td class=\"num\">").append(Html.growth(f.goroutineGrowth(), Unit.COUNT))
          .append("</td><td class=\"num\">").append(Html.number(f.goroutinesPer1000Requests(), 2)).append(fitted)
          .append("</td></tr>");
    }
    return html.append("</tbody></table>").append(howPhasesEnded(phases)).toString();
  }

  /** "3", or "5 of 3 planned" when extra rounds ran. */
  private static String rounds(PhaseRecord phase) {
    return phase.roundsRun() == phase.rounds() ? Integer.toString(phase.rounds())
        : phase.roundsRun() + " <span class=\"note\">(" + phase.rounds() + " planned)</span>";
  }

  /** Why each extra round ran, and what each second look read: the run decided these while it went on. */
  private static String howPhasesEnded(List<PhaseRecord> phases) {
    StringBuilder html = new StringBuilder();
    for (PhaseRecord phase : phases) {
      if (phase.extraRounds().isEmpty() && phase.secondLook().isEmpty()) {
        continue;
      }
      html.append("<li><b>").append(Html.esc(phase.name())).append("</b><ul>");
      phase.extraRounds().forEach(line -> html.append("<li>").append(Html.esc(line)).append("</li>"));
      if (!phase.secondLook().isEmpty()) {
        html.append("<li>").append(Html.esc(phase.secondLook())).append("</li>");
      }
      html.append("</ul></li>");
    }
    return html.isEmpty() ? "" : "<h3>Extra rounds and second looks</h3><ul id=\"extra-rounds\">" + html + "</ul>";
  }

  /**
   * Every leak rate with its 95 % interval, per judged phase and for the whole run, and the noise the
   * intervals assumed: a reader sees how small a leak this run could have seen.
   */
  static String rates(List<CheckResult> rates, NoiseRecord noise) {
    if (rates.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<h2>Leak rates</h2>").append(noiseNote(noise))
        .append("<table id=\"rates\"><thead><tr><th>Scope</th><th>Rate</th><th>Fitted</th><th>95 % interval</th>"
            + "<th>Limit</th><th>Probes</th><th>Over</th><th>Result</th></tr></thead><tbody>");
    for (CheckResult rate : rates) {
      Figures figures = rate.figures();
      String unit = rate.unit() == Unit.BYTES ? " B" : "";
      long count = figures.count() == null ? 0 : figures.count();
      html.append("<tr><td>").append(Html.esc(rate.scope())).append("</td><td>")
          .append(Html.esc(MemoryHtmlGrid.checkName(rate)))
          .append("</td><td class=\"num\">").append(Html.number(figures.value(), 1)).append(unit)
          .append("</td><td class=\"num\">").append(rate.interval() == null ? "–"
              : Html.number(rate.interval().low(), 1) + " to " + Html.number(rate.interval().high(), 1) + unit)
          .append("</td><td class=\"num\">").append(Html.number(figures.limit(), 2)).append(unit)
          .append("</td><td class=\"num\">").append(figures.probes() == null ? "–" : figures.probes())
          .append("</td><td class=\"num\">").append(String.format(java.util.Locale.ROOT, "%,d", count))
          .append(' ').append(Html.esc(per(rate, count)))
          .append("</td><td class=\"").append(Html.statusClass(rate.status())).append("\">")
          .append(Html.esc(rate.status())).append("<div class=\"msg\">").append(Html.esc(rate.message()))
          .append("</div></td></tr>");
    }
    return html.append("</tbody></table>").toString();
  }

  /** "requests" or "virtual users", as many as the rate was fitted over. */
  private static String per(CheckResult rate, long count) {
    CheckKind.Per per = rate.kind() == null ? CheckKind.Per.REQUEST : rate.kind().per();
    return count == 1 ? per.one() : per.many();
  }

  private static String noiseNote(NoiseRecord noise) {
    if (noise == null) {
      return "";
    }
    String measured = "moved the heap by "
        + (noise.heapDifferenceBytes() == null ? "(unmeasured)" : Html.value(noise.heapDifferenceBytes(), Unit.BYTES))
        + " and goroutines by " + (noise.goroutineDifference() == null ? "(unmeasured)" : noise.goroutineDifference());
    return "<p class=\"note\" id=\"noise\">Noise at rest: two probes " + noise.apartMillis() + " ms apart with no "
        + "load " + Html.esc(measured) + ". The intervals assumed a spread of one reading of up to "
        + Html.value(Math.round(noise.heapSpreadBytes()), Unit.BYTES) + " (heap) and "
        + Html.number(noise.goroutineSpread(), 1) + " goroutines: the larger of the measured noise and a fit's "
        + "residuals, never below the floors (preflight.limits.noise-floor). A rate fails when its whole interval "
        + "is above its limit, or its last step's is.</p>";
  }

  /**
   * Links to the saved profiles, and per phase the pprof command that shows only what the phase added,
   * between the probes its verdict was judged between.
   */
  static String profiles(List<PhaseRecord> phases, List<ProbeRecord> probes) {
    List<ProbeRecord> ordered = probes.stream().sorted(Comparator.comparingInt(ProbeRecord::index)).toList();
    StringBuilder html = new StringBuilder("<h2>Probes and profiles</h2><table id=\"probes\"><thead><tr>"
        + "<th>Probe</th><th>At</th><th>Took</th><th>Settled</th><th>After GC</th><th>Profiles</th></tr>"
        + "</thead><tbody>");
    for (ProbeRecord probe : ordered) {
      html.append("<tr><td>P").append(probe.index()).append(": ").append(Html.esc(probe.label()))
          .append("</td><td>").append(Html.when(probe.at())).append("</td><td class=\"num\">")
          .append(probe.tookMillis()).append(" ms</td><td>").append(probe.settled() ? "yes" : "no")
          .append(probe.settleNote() == null || probe.settleNote().isBlank() ? ""
              : "<div class=\"msg\">" + Html.esc(probe.settleNote()) + "</div>")
          .append("</td><td>").append(values(probe)).append("</td><td>");
      probe.profiles().entrySet().stream()
          .sorted(Comparator.comparing((Map.Entry<ProfileKind, String> e) -> e.getKey().jsonName()))
          .forEach(e -> html.append("<a href=\"").append(Html.esc(e.getValue())).append("\">")
              .append(Html.esc(e.getKey().jsonName())).append("</a> "));
      html.append("</td></tr>");
    }
    html.append("</tbody></table>");
    List<String> commands = new ArrayList<>();
    for (PhaseRecord phase : phases) {
      // The plan's probes, the same the verdict judged between: with rounds, the baseline is after round 1.
      Optional<ProbeRecord> opening = probe(ordered, phase.baselineProbe());
      Optional<ProbeRecord> closing = probe(ordered, phase.closingProbe());
      if (opening.isEmpty() || closing.isEmpty()) {
        continue;
      }
      Map<ProfileKind, String> before = opening.get().profiles();
      Map<ProfileKind, String> after = closing.get().profiles();
      for (ProfileKind kind : PPROF_READABLE) {
        if (before.containsKey(kind) && after.containsKey(kind)) {
          commands.add("<li>" + Html.esc(kind.jsonName()) + " growth during <b>" + Html.esc(phase.name())
              + "</b>:<pre>" + Html.esc(pprofCommand(before.get(kind), after.get(kind))) + "</pre></li>");
        }
      }
    }
    if (!commands.isEmpty()) {
      html.append("<p>From this run's folder, each command shows only what the phase added:</p><ul id=\"pprof\">")
          .append(String.join("", commands)).append("</ul>");
    }
    return html.toString();
  }

  private static Optional<ProbeRecord> probe(List<ProbeRecord> probes, Integer index) {
    return index == null ? Optional.empty() : probes.stream().filter(p -> p.index() == index).findFirst();
  }

  /**
   * The saved profiles go tool pprof reads: the proto heap profile and the goroutine?debug=1 text (pprof
   * parses that legacy format); the heap debug=1 text and the debug=2 dump are for people.
   */
  private static final List<ProfileKind> PPROF_READABLE = List.of(ProfileKind.GOROUTINE, ProfileKind.HEAP);

  static String pprofCommand(String beforeProfile, String afterProfile) {
    return "go tool pprof -base " + shellWord(beforeProfile) + " " + shellWord(afterProfile);
  }

  private static String shellWord(String word) {
    return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  private static String values(ProbeRecord probe) {
    StringBuilder html = new StringBuilder();
    probe.afterGc().entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<Signal, Long> e) -> e.getKey().jsonName())).forEach(e -> html
        .append(Html.esc(e.getKey().jsonName())).append(' ')
        .append(Html.value(e.getValue(), e.getKey().unit())).append("<br>"));
    probe.unavailable().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> html
        .append("<span class=\"note\">").append(Html.esc(e.getKey())).append(": ").append(Html.esc(e.getValue()))
        .append("</span><br>"));
    return html.toString();
  }

  static String signals(Map<Source, Availability> signals) {
    StringBuilder html = new StringBuilder("<h2>Signals</h2><table id=\"signals\"><thead><tr><th>Source</th>"
        + "<th>Available</th></tr></thead><tbody>");
    signals.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<Source, Availability> e) -> e.getKey().jsonName()))
        .forEach(e -> html.append("<tr><td>").append(Html.esc(e.getKey().jsonName())).append("</td><td>")
            .append(e.getValue() == null ? "" : Html.esc(e.getValue().answer())).append("</td></tr>"));
    return html.append("</tbody></table>").toString();
  }
}
