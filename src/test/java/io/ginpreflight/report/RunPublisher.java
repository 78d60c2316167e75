package io.ginpreflight.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Publishes a finished run folder (Gatling's report and the memory files) to
 * {@code reports/<simulation>-<timestamp>/}, prunes the oldest runs beyond {@code keep} and rebuilds
 * {@code reports/index.html}. Gatling writes its HTML report after the simulation's {@code after()}
 * hook, so call this once Gatling has finished, e.g. from a JVM shutdown hook.
 */
public final class RunPublisher {

  /**
   * Gatling's raw event log: as large as the rest of the run together on a long soak, and only needed to
   * regenerate a report that is already there. It stays in target/gatling.
   */
  static final String SKIPPED_FILE = "simulation.log";
  static final String INDEX = "index.html";

  /** What publishing did; {@code problems} holds one sentence per thing that went wrong. */
  public record Published(Path run, Path index, List<String> pruned, List<String> problems) {}

  private RunPublisher() {}

  /** Never throws: a reports folder that cannot be written must not hide the run's own result. */
  public static Published publish(Path runFolder, Path reportsDir, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1 (the run just published), got " + keep + ".");
    }
    Path destination = reportsDir.resolve(runFolder.getFileName().toString());
    Path index = reportsDir.resolve(INDEX);
    List<String> problems = new ArrayList<>();
    List<String> pruned = new ArrayList<>();
    try {
      Files.createDirectories(reportsDir);
      if (!Files.isDirectory(runFolder)) {
        throw new IOException("the run folder " + runFolder + " does not exist");
      }
      // Copied beside the destination first and then moved, so the index never lists a half-copied run.
      Path partial = reportsDir.resolve("." + runFolder.getFileName() + ".partial");
      delete(partial);
      copy(runFolder, partial);
      delete(destination);
      Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      problems.add("Could not publish " + runFolder + " to " + reportsDir + ": " + e.getMessage());
    }
    try {
      List<PublishedRun> runs = runs(reportsDir);
      for (PublishedRun old : runs.subList(Math.min(keep, runs.size()), runs.size())) {
        delete(reportsDir.resolve(old.folder()));
        pruned.add(old.folder());
      }
      writeIndex(reportsDir, runs.subList(0, Math.min(keep, runs.size())));
    } catch (IOException | RuntimeException e) {
      problems.add("Could not rebuild " + index + ": " + e.getMessage());
    }
    return new Published(destination, index, List.copyOf(pruned), List.copyOf(problems));
  }

  /** Rebuilds reports/index.html from the runs that are there, without publishing or pruning. */
  public static Path rebuildIndex(Path reportsDir) throws IOException {
    writeIndex(reportsDir, runs(reportsDir));
    return reportsDir.resolve(INDEX);
  }

  /** Every run under {@code reportsDir}, newest first. */
  static List<PublishedRun> runs(Path reportsDir) throws IOException {
    List<PublishedRun> runs = new ArrayList<>();
    try (Stream<Path> children = Files.list(reportsDir)) {
      for (Path child : children.filter(PublishedRun::isRun).toList()) {
        runs.add(PublishedRun.read(child));
      }
    }
    runs.sort(Comparator.comparing(PublishedRun::startedAt).thenComparing(PublishedRun::folder).reversed());
    return runs;
  }

  private static void writeIndex(Path reportsDir, List<PublishedRun> runs) throws IOException {
    Path partial = reportsDir.resolve("." + INDEX + ".partial");
    Files.writeString(partial, RunIndexWriter.render(runs), StandardCharsets.UTF_8);
    Files.move(partial, reportsDir.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static void copy(Path from, Path to) throws IOException {
    FileTrees.copy(from, to, file -> file.getParent().equals(from) && file.getFileName().toString().equals(SKIPPED_FILE));
  }

  /** Deletes a folder tree; symbolic links are removed, never followed. */
  private static void delete(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
