package io.ginpreflight.gatling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the folder Gatling writes this run's report to: {@code <results>/<simulation id>-<timestamp>/}.
 * Gatling does not tell a simulation where it is, but while the run goes on this JVM holds that folder's
 * {@code simulation.log} open, so {@link #openByThisJvm} reads it from /proc/self/fd exactly. Only where
 * that cannot be read (not Linux) is the newest folder of this simulation written since the run began
 * taken instead.
 */
public final class GatlingRunFolder {

  private static final Path OWN_DESCRIPTORS = Path.of("/proc/self/fd");

  private GatlingRunFolder() {}

  /** The run folder whose simulation.log this JVM has open; empty before Gatling opened it. */
  public static Optional<Path> openByThisJvm(Path resultsDir) {
    Path results = resultsDir.toAbsolutePath().normalize();
    try (Stream<Path> descriptors = Files.list(OWN_DESCRIPTORS)) {
      return descriptors.map(GatlingRunFolder::target).flatMap(Optional::stream)
          .filter(file -> file.getFileName() != null && file.getFileName().toString().equals("simulation.log"))
          .map(Path::getParent)
          .filter(folder -> folder != null && results.equals(folder.getParent()))
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> target(Path descriptor) {
    try {
      return Optional.of(Files.readSymbolicLink(descriptor));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();  // closed meanwhile, or not a link
    }
  }

  /** Where /proc cannot say: the newest folder of this simulation whose log was written since the start. */
  public static Optional<Path> newestSince(Path resultsDir, String simulation, Instant runStart) {
    String prefix = simulation.toLowerCase() + "-";
    Instant notBefore = runStart.minusSeconds(5);
    try (Stream<Path> folders = Files.list(resultsDir)) {
      return folders
          .filter(Files::isDirectory)
          .filter(dir -> dir.getFileName().toString().startsWith(prefix))
          .filter(dir -> modified(dir.resolve("simulation.log")).map(t -> !t.isBefore(notBefore)).orElse(false))
          .max(Comparator.comparing(dir -> dir.getFileName().toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> modified(Path file) {
    try {
      return Optional.of(Files.getLastModifiedTime(file).toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
