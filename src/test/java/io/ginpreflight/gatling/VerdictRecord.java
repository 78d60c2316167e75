package io.ginpreflight.gatling;

import io.ginpreflight.verdict.CheckResult;

/** One line in Gatling's results: a request name, OK or KO, and the KO message. */
public record VerdictRecord(String name, boolean ok, String message) {

  public static VerdictRecord of(CheckResult result) {
    return new VerdictRecord(result.recordName(), result.status().passes(), result.message());
  }
}
