package io.ginpreflight.report;

/** The verdict of a whole run, memory.json's {@code verdict}. */
public enum RunVerdict {
  /** Every check passed and nothing went wrong with the run. */
  PASS,
  /**
   * The run passed, but some check is not a pass: undecided or not measured, which the user chose to be warned
   * of only ({@code preflight.undecided = warn}, {@code preflight.inconclusive = warn}).
   */
  WARN,
  FAIL;

  /** Whether the run passed: with or without warnings. */
  public boolean passes() {
    return this != FAIL;
  }
}
