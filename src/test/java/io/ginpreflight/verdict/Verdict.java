package io.ginpreflight.verdict;

import io.ginpreflight.model.Status;

/**
 * One verdict as it goes to Gatling's results: the record's name, whether it passes, and its sentence.
 * An inconclusive check fails unless the user chose to only warn about those.
 */
public record Verdict(String recordName, boolean passes, String message) {

  public static Verdict of(String recordName, Status status, String message, boolean inconclusiveFails) {
    boolean passes = status == Status.OK || (status == Status.INCONCLUSIVE && !inconclusiveFails);
    return new Verdict(recordName, passes, message);
  }
}
