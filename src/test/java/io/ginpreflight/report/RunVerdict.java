package io.ginpreflight.report;

/** The verdict of a whole run, memory.json's {@code verdict}. */
public enum RunVerdict {
  /** Every check passed and nothing went wrong with the run. */
  PASS,
  FAIL
}
