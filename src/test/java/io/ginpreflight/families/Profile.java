package io.ginpreflight.families;

import io.ginpreflight.config.ConfigProblem;

/**
 * How much load each family sends, chosen with {@code -Dpreflight.profile=quick|nightly}: each is a warm-up
 * and a judged phase of identical rounds per family, the first round warm-up and a leak rate per request
 * fitted across the rest; quick's rounds are seconds long, for a laptop or a pull request, nightly's a
 * minute, where slow growth and plateaus show (SoakSimulation). The rounds and rates are
 * {@code preflight.families.<family>.load.<profile>}.
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
