package io.ginpreflight.verdict;

import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Status;
import java.util.List;
import java.util.Map;

/**
 * A phase's checks with what its attribution found: each KO or undecided check of an attributed signal leads,
 * right after what grew, with the requests that kept it, before the site (so Gatling's 200 characters say where
 * to look twice over), and carries the attribution in its detail.
 */
final class AttributedChecks {

  private AttributedChecks() {}

  /** @param bySignal what the attribution found of each signal it read (leaked goroutines read as goroutines) */
  static List<CheckResult> apply(List<CheckResult> checks, Map<Signal, Attribution> bySignal) {
    return checks.stream().map(check -> {
      Signal signal = check.kind().signal() == Signal.LEAKED_GOROUTINES ? Signal.GOROUTINES : check.kind().signal();
      Attribution found = bySignal.get(signal);
      if (found == null || (check.status() != Status.KO && check.status() != Status.UNDECIDED)) {
        return check;
      }
      return new CheckResult(check.kind(), check.scope(), check.status(), check.figures(), check.interval(),
          lead(check.message(), found.sentence()), check.detail().withAttribution(found), check.parts());
    }).toList();
  }

  /** The sentence after the message's first clause (what grew, in which phase), before the rest. */
  static String lead(String message, String sentence) {
    int end = message.indexOf("; ");
    return end < 0 ? message + "; " + sentence : message.substring(0, end) + "; " + sentence + message.substring(end);
  }
}
