package io.ginpreflight.model;

/** The outcome of one memory check. */
public enum Status {
  OK,
  KO,
  /** The signal could not be measured; this fails the run unless the user allowed it. */
  INCONCLUSIVE;

  public boolean passes() {
    return this == OK;
  }
}
