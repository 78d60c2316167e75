package io.ginpreflight.gatling;

import io.ginpreflight.verdict.CheckResult;
import io.ginpreflight.verdict.CheckStatus;
import io.ginpreflight.verdict.TrendResult;

/** One line in Gatling's results: a request name, OK or KO, and the KO message. */
public record VerdictRecord(String name, boolean ok, String message) {

  /** An inconclusive check is KO unless the user chose to only warn about those. */
  public static VerdictRecord of(CheckResult result, boolean inconclusiveFails) {
    return new VerdictRecord(result.recordName(), passes(result.status(), inconclusiveFails), result.message());
  }

  public static VerdictRecord of(TrendResult result, boolean inconclusiveFails) {
    return new VerdictRecord(result.recordName(), passes(result.status(), inconclusiveFails), result.message());
  }

  private static boolean passes(CheckStatus status, boolean inconclusiveFails) {
    return status == CheckStatus.OK || (status == CheckStatus.INCONCLUSIVE && !inconclusiveFails);
  }
}
