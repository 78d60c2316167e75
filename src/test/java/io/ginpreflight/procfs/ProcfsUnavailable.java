package io.ginpreflight.procfs;

/**
 * An operating-system signal that cannot be read; the message is one sentence that says which file and
 * why, fit to appear in a verdict as the reason a signal was not measured.
 */
public final class ProcfsUnavailable extends RuntimeException {

  public ProcfsUnavailable(String message) {
    super(message);
  }
}
