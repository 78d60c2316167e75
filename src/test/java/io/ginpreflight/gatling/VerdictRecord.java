package io.ginpreflight.gatling;

import io.ginpreflight.verdict.Verdict;

/** One line in Gatling's results: a request name, OK or KO, and the KO message. */
public record VerdictRecord(String name, boolean ok, String message) {

  public static VerdictRecord of(Verdict verdict) {
    return new VerdictRecord(verdict.recordName(), verdict.passes(), verdict.message());
  }
}
