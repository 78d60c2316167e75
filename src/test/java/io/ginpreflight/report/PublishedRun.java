package io.ginpreflight.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A run folder under reports/: its name, its memory report when memory.json could be read, and when it
 * ran, which orders the index and decides what is pruned.
 */
record PublishedRun(String folder, Optional<MemoryReport> report, Instant startedAt, boolean hasGatlingReport,
    boolean hasMemoryReport) {

  /** A folder is a run when it holds a Gatling report or a memory report; anything else is left alone. */
  static boolean isRun(Path folder) {
    return Files.isDirectory(folder) && !folder.getFileName().toString().startsWith(".")
        && (Files.isRegularFile(folder.resolve("index.html")) || Files.isRegularFile(folder.resolve(MemoryFiles.JSON)));
  }

  static PublishedRun read(Path folder) throws IOException {
    Optional<MemoryReport> report = Optional.empty();
    Path json = folder.resolve(MemoryFiles.JSON);
    if (Files.isRegularFile(json)) {
      try {
        report = Optional.of(MemoryJson.read(json));
      } catch (IOException unreadable) {
        // The index still lists the run, without memory figures, so its Gatling report stays reachable.
      }
    }
    Instant startedAt = report.map(MemoryReport::startedAt)
        .orElse(Files.getLastModifiedTime(folder).toInstant());
    return new PublishedRun(folder.getFileName().toString(), report, startedAt,
        Files.isRegularFile(folder.resolve("index.html")), Files.isRegularFile(folder.resolve(MemoryFiles.HTML)));
  }

  String simulation() {
    return report.map(MemoryReport::simulation).orElse(folder.replaceFirst("-\\d+$", ""));
  }

  /** Empty when the run left no readable memory.json; a report without a verdict failed. */
  Optional<RunVerdict> verdict() {
    return report.map(r -> r.verdict() == null ? RunVerdict.FAIL : r.verdict());
  }
}
