package io.ginpreflight.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code preflight.compare}: the published run this one is compared with once published. It must be there
 * before the load, so a mistyped folder costs no run.
 */
public final class CompareWith {

  private CompareWith() {}

  public static Optional<Path> from(PreflightConfig config, Path projectDir) {
    if (!config.hasValue("preflight.compare")) {
      return Optional.empty();
    }
    Path folder = projectDir.resolve(config.string("preflight.compare")).normalize();
    if (!Files.isRegularFile(folder.resolve("memory.json"))) {
      throw new ConfigProblem("Configuration key 'preflight.compare' names " + folder + ", which holds no "
          + "memory.json: give a run folder under reports/, such as reports/preflightsimulation-20261130021700123.");
    }
    return Optional.of(folder);
  }
}
