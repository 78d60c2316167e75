package io.ginpreflight.report;

import io.ginpreflight.watch.ProbeProfiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Renders comparison.html: one run against another (main's last night against a branch's run), side by
 * side: what each ran against, the per-phase figures, the verdicts that changed, the allocation sites and
 * goroutine stacks that differ between their closing profiles, and the {@code go tool pprof -base}
 * command across the two. Self-contained like memory.html; written even when a profile is missing.
 */
public final class ComparisonWriter {

  public static final String FILE = "comparison.html";

  /** What writing did, in one sentence. */
  public record Written(Optional<Path> file, String sentence) {}

  private ComparisonWriter() {}

  /** Two published runs, their profiles read from their folders. */
  public static Written write(Path baseFolder, Path runFolder, Path file) {
    return write(baseFolder, runFolder, Optional.empty(), file);
  }

  /**
   * Never throws: a comparison that cannot be written must not hide the run's own result.
   *
   * @param runProfiles the profiles of the run that is finishing, as its probes parsed them, by probe index;
   *     empty: read them from {@code runFolder}
   */
  public static Written write(Path baseFolder, Path runFolder, Optional<IntFunction<ProbeProfiles>> runProfiles,
      Path file) {
    try {
      ComparedRun base = ComparedRun.read(baseFolder);
      ComparedRun run = runProfiles.isPresent() ? ComparedRun.finishing(runFolder, runProfiles.get())
          : ComparedRun.read(runFolder);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
      Files.writeString(partial, render(base, run), StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Written(Optional.of(file), "Comparison with " + baseFolder.getFileName() + ": file://"
          + file.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      return new Written(Optional.empty(), "Could not compare " + runFolder + " with " + baseFolder + ": "
          + e.getMessage());
    }
  }

  static String render(ComparedRun base, ComparedRun run) {
    StringBuilder html = new StringBuilder(32 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Comparison – ").append(Html.esc(run.name())).append("</title><style>").append(PageStyle.CSS)
        .append(" tr.differs td{background:#fff8e1}</style></head><body>\n")
        .append("<h1>").append(Html.esc(run.name())).append(" against ").append(Html.esc(base.name())).append("</h1>\n")
        .append("<p class=\"meta\"><span>this run: <a href=\"").append(Html.esc(run.link(run))).append("\">memory report")
        .append("</a></span><span>the other: <a href=\"").append(Html.esc(base.link(run)))
        .append("\">memory report</a></span></p>\n");
    if (!ComparisonTables.key(base.report()).equals(ComparisonTables.key(run.report()))) {
      html.append("<div class=\"banner\" id=\"not-comparable\">These runs differ in target, simulation or profile ("
          + "the history never compares them); their figures are shown side by side all the same.</div>\n");
    }
    html.append(ComparisonTables.identity(base.report(), run.report()))
        .append(ComparisonTables.phases(base.report(), run.report()))
        .append(ComparisonTables.changedVerdicts(verdicts(base), verdicts(run), run.report()))
        .append(ComparisonSites.section(base, run))
        .append("<p class=\"note\">Written by Gin Preflight from the two runs' memory.json and closing profiles.</p>\n")
        .append("</body></html>\n");
    return html.toString();
  }

  /** Every check of a run by its record's name, with its status, and the run's verdict. */
  static Map<String, String> verdicts(ComparedRun run) {
    Map<String, String> byName = new TreeMap<>();
    MemoryReport report = run.report();
    report.checks().forEach(c -> byName.put(c.recordName(), String.valueOf(c.status())));
    byName.put("run verdict", String.valueOf(report.verdict()));
    return byName;
  }

  /** The names in either map whose status differs, in name order. */
  static List<String> changed(Map<String, String> base, Map<String, String> run) {
    TreeSet<String> names = new TreeSet<>(base.keySet());
    names.addAll(run.keySet());
    return names.stream().filter(n -> !Objects.equals(base.get(n), run.get(n))).toList();
  }
}
