package io.ginpreflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the folder Gatling writes this run's report to: {@code <results>/<simulation id>-<timestamp>/},
 * created when the run starts. Gatling does not tell a simulation where it is, so the newest folder of
 * this simulation whose event log was written since the run began is taken.
 */
final class GatlingRunFolder {

  private GatlingRunFolder() {}

  static Optional<Path> find(Path resultsDir, String simulation, Instant runStart) {
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
