package io.ginpreflight.model;

/**
 * The outcome of a baseline comparison. {@link #NOT_JUDGED} is not a pass: too few comparable runs were
 * there to compare with, which the run says and which fails nothing, since no rule was applied.
 */
public enum BaselineStatus {
  OK,
  KO,
  /** This run's figure could not be measured: as for every check, never a pass. */
  INCONCLUSIVE,
  NOT_JUDGED;

  /** The status Gatling's record and the run's verdict see; empty for not judged (no record is written). */
  public java.util.Optional<Status> asStatus() {
    return switch (this) {
      case OK -> java.util.Optional.of(Status.OK);
      case KO -> java.util.Optional.of(Status.KO);
      case INCONCLUSIVE -> java.util.Optional.of(Status.INCONCLUSIVE);
      case NOT_JUDGED -> java.util.Optional.empty();
    };
  }
}
