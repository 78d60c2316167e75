package io.ginpreflight.target;

/** The target could not be built, started or reached; the message says what to do about it. */
public final class TargetStartFailure extends RuntimeException {

  public TargetStartFailure(String message) {
    super(message);
  }
}
