package io.ginpreflight.report;

import io.ginpreflight.model.BaselineFigure;
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
import java.util.Objects;
import java.util.Optional;

/**
 * The published runs a new run is compared with: those in reports/ with the same comparable identity
 * (target, simulation, profile) that passed, started at or after {@code since}, newest first. A run that
 * failed is left out, so a leak that failed a night is not the next night's baseline; runs written before
 * identities were recorded are comparable with none.
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
    Map<String, Map<BaselineFigure, List<BaselineHistory.Past>>> byPhase = new LinkedHashMap<>();
    int comparable = 0;
    for (PublishedRun run : runs) {
      Optional<MemoryReport> report = run.report().filter(r -> comparable(r, identity, since));
      if (report.isEmpty()) {
        continue;
      }
      comparable++;
      figures(report.get()).forEach((phase, figures) -> figures.forEach((figure, value) ->
          byPhase.computeIfAbsent(phase, p -> new EnumMap<>(BaselineFigure.class))
              .computeIfAbsent(figure, f -> new ArrayList<>())
              .add(new BaselineHistory.Past(run.startedAt(), value))));
    }
    return new BaselineHistory(byPhase, reportsDir + " (" + runs.size() + (runs.size() == 1 ? " run, " : " runs, ")
        + comparable + " comparable and passed)");
  }

  static boolean comparable(MemoryReport report, RunIdentity identity, Optional<Instant> since) {
    return report.identity() != null && report.verdict() == RunVerdict.PASS
        && report.identity().comparableKey().equals(identity.comparableKey())
        && (since.isEmpty() || (report.startedAt() != null && !report.startedAt().isBefore(since.get())));
  }

  /** Each judged phase's figures as the run measured them; unmeasured ones are left out. */
  static Map<String, Map<BaselineFigure, Double>> figures(MemoryReport report) {
    Map<String, Map<BaselineFigure, Double>> byPhase = new LinkedHashMap<>();
    for (PhaseRecord phase : ReportParts.list(report.phases())) {
      if (!phase.judged()) {
        continue;
      }
      Map<BaselineFigure, Double> figures = new EnumMap<>(BaselineFigure.class);
      ReportParts.list(report.trends()).stream().filter(t -> Objects.equals(t.phase(), phase.name())).findFirst()
          .ifPresent(trend -> {
            if (trend.retainedBytesPerRequest() != null) {
              figures.put(BaselineFigure.RETAINED_BYTES_PER_REQUEST, trend.retainedBytesPerRequest());
            }
            if (trend.goroutinesPer1000Requests() != null) {
              figures.put(BaselineFigure.GOROUTINES_PER_1000_REQUESTS, trend.goroutinesPer1000Requests());
            }
          });
      growth(report, phase.name(), CheckKind.FD_GROWTH).ifPresent(g -> figures.put(BaselineFigure.FD_GROWTH, g));
      growth(report, phase.name(), CheckKind.TEMP_FILE_GROWTH)
          .ifPresent(g -> figures.put(BaselineFigure.TEMP_FILE_GROWTH, g));
      byPhase.put(phase.name(), figures);
    }
    return byPhase;
  }

  private static Optional<Double> growth(MemoryReport report, String phase, CheckKind kind) {
    return ReportParts.list(report.checks()).stream()
        .filter(c -> Objects.equals(c.phase(), phase) && kind.checkName().equals(c.check()) && c.growth() != null)
        .map(c -> (double) c.growth()).findFirst();
  }
}
