package io.ginpreflight.families;

import io.ginpreflight.config.ConfigProblem;

/**
 * How much load each family sends, chosen with {@code -Dpreflight.profile=quick|nightly}: quick is a
 * warm-up and one judged phase per family, for a laptop or a pull request; nightly runs identical rounds
 * per family so a leak rate per request can be fitted (SoakSimulation).
 */
public enum Profile {
  QUICK, NIGHTLY;

  static Profile from(String value) {
    return switch (value.trim()) {
      case "quick" -> QUICK;
      case "nightly" -> NIGHTLY;
      default -> throw new ConfigProblem("Configuration key 'preflight.profile' has invalid value '" + value
          + "': expected quick or nightly.");
    };
  }

  /** The config key's spelling: {@code quick} or {@code nightly}. */
  public String key() {
    return name().toLowerCase();
  }
}
