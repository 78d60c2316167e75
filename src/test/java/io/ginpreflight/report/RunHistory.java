package io.ginpreflight.report;

import io.ginpreflight.model.BaselineHistory;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.RunIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published runs a new run is compared with: those in reports/ with the same comparable identity
 * (target, simulation, profile) that passed, started at or after {@code since}, newest first. A run that
 * failed is left out, so a leak that failed a night is not the next night's baseline; a run without an
 * identity is comparable with none.
 */
public final class RunHistory {

  private RunHistory() {}

  /** Never throws: an unreadable reports folder is an empty history, and said in {@code source}. */
  public static BaselineHistory of(Path reportsDir, RunIdentity identity, Optional<Instant> since) {
    if (!Files.isDirectory(reportsDir)) {
      return BaselineHistory.empty(reportsDir + " (not there yet)");
    }
    List<PublishedRun> runs;
    try {
      runs = RunPublisher.runs(reportsDir);
    } catch (IOException | RuntimeException e) {
      return BaselineHistory.empty(reportsDir + " (unreadable: " + e.getMessage() + ")");
    }
    Map<String, Map<CheckKind, List<BaselineHistory.Past>>> byPhase = new LinkedHashMap<>();
    int comparable = 0;
    for (PublishedRun run : runs) {
      Optional<MemoryReport> report = run.report().filter(r -> comparable(r, identity, since));
      if (report.isEmpty()) {
        continue;
      }
      comparable++;
      figures(report.get()).forEach((phase, figures) -> figures.forEach((figure, value) ->
          byPhase.computeIfAbsent(phase, p -> new EnumMap<>(CheckKind.class))
              .computeIfAbsent(figure, f -> new ArrayList<>())
              .add(new BaselineHistory.Past(run.startedAt(), value))));
    }
    return new BaselineHistory(byPhase, reportsDir + " (" + runs.size() + (runs.size() == 1 ? " run, " : " runs, ")
        + comparable + " comparable and passed)");
  }

  static boolean comparable(MemoryReport report, RunIdentity identity, Optional<Instant> since) {
    return report.identity() != null && report.verdict().passes()
        && report.identity().comparableKey().equals(identity.comparableKey())
        && (since.isEmpty() || (report.startedAt() != null && !report.startedAt().isBefore(since.get())));
  }

  /** Each judged phase's baselined figures as the run measured them; unmeasured ones are left out. */
  static Map<String, Map<CheckKind, Double>> figures(MemoryReport report) {
    Map<String, Map<CheckKind, Double>> byPhase = new LinkedHashMap<>();
    for (PhaseRecord phase : report.phases()) {
      if (!phase.judged()) {
        continue;
      }
      Map<CheckKind, Double> figures = new EnumMap<>(CheckKind.class);
      for (CheckKind kind : CheckKind.BASELINED) {
        report.check(kind, phase.name()).map(c -> c.figures().value()).ifPresent(v -> figures.put(kind, v));
      }
      byPhase.put(phase.name(), figures);
    }
    return byPhase;
  }
}
