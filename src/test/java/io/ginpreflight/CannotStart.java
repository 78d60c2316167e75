package io.ginpreflight;

/**
 * Ends the JVM before any load with one clear sentence and exit code 1 (a build error, not a failed
 * check), for a setting or target that cannot work. A stack trace would only bury the sentence.
 */
public final class CannotStart {

  private CannotStart() {}

  /** Prints the problem and exits; returns the exception only so callers can {@code throw} it. */
  public static RuntimeException exit(RuntimeException problem) {
    System.err.println();
    System.err.println("Gin Preflight cannot start: " + problem.getMessage());
    System.err.println();
    System.err.flush();
    System.exit(1);
    return problem;
  }
}
