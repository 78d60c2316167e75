package io.ginpreflight.model;

import java.util.Comparator;
import java.util.List;

/**
 * The outcome of one check. A new status goes here with its place in {@link #WORST_LAST}, whether it lets
 * the run pass and whether it is written to Gatling's results; whether it fails the run is the plan's
 * ({@code RunPlan.fails}), since the user may choose.
 */
public enum Status {
  OK(true, true),
  KO(false, true),
  /** The signal could not be measured; this fails the run unless the user allowed it. Never a pass. */
  INCONCLUSIVE(false, true),
  /**
   * Measured, but the data could not decide within the run's bound (its interval still straddles the limit,
   * or too few requests were sent): neither a pass nor a fail. Whether it fails the run is the user's choice
   * ({@code preflight.undecided}). Never a pass.
   */
  UNDECIDED(false, true),
  /**
   * No rule was applied (a baseline with too few comparable runs): said, not a pass, and it fails nothing,
   * so it writes no Gatling record.
   */
  NOT_JUDGED(true, false);

  /** Better first: the status a combination of checks takes is the last of theirs in this order. */
  private static final List<Status> WORST_LAST = List.of(NOT_JUDGED, OK, UNDECIDED, INCONCLUSIVE, KO);

  private final boolean letsRunPass;
  private final boolean recorded;

  Status(boolean letsRunPass, boolean recorded) {
    this.letsRunPass = letsRunPass;
    this.recorded = recorded;
  }

  /** Whether a run whose checks all have this status or OK gets the verdict PASS in its reports. */
  public boolean letsRunPass() {
    return letsRunPass;
  }

  /** Whether the check is written to Gatling's results (and so counted by the run's assertions). */
  public boolean recorded() {
    return recorded;
  }

  /** Orders statuses better first, e.g. to pick the worst of several with {@code max}. */
  public static Comparator<Status> worstLast() {
    return Comparator.comparingInt(WORST_LAST::indexOf);
  }
}
