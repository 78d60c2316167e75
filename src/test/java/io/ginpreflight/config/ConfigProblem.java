package io.ginpreflight.config;

/**
 * A configuration value that cannot be used. The message is one sentence that names the key, what was
 * given and what is allowed, so it can be shown to the user as it is, without a stack trace.
 */
public final class ConfigProblem extends RuntimeException {

  public ConfigProblem(String message) {
    super(message);
  }

  static ConfigProblem invalid(String key, Object given, String allowed) {
    return new ConfigProblem(
        "Configuration key '" + key + "' has invalid value '" + given + "': " + allowed + ".");
  }
}
