package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import java.util.Locale;

/** How rates read in messages: "180 B per request", "3.2 KiB per virtual user", "2.1 per 1,000 requests". */
final class RateText {

  private RateText() {}

  /** "per request", "per virtual user", "per 1,000 requests". */
  static String per(CheckKind kind) {
    return kind.perCount() == 1 ? "per " + kind.per().one()
        : String.format(Locale.ROOT, "per %,d %s", kind.perCount(), kind.per().many());
  }

  static String rate(CheckKind kind, double value) {
    return kind.format(value) + " " + per(kind);
  }

  /** "150 to 210 B", "1.80 to 2.40": both ends in the unit once. */
  static String interval(CheckKind kind, double low, double high) {
    String lowText = kind.format(low);
    String highText = kind.format(high);
    String unit = kind.isBytes() ? unitOf(highText) : "";
    if (!unit.isEmpty() && unitOf(lowText).equals(unit)) {
      lowText = lowText.substring(0, lowText.length() - unit.length() - 1);
    }
    return lowText + " to " + highText;
  }

  private static String unitOf(String text) {
    int space = text.lastIndexOf(' ');
    return space < 0 ? "" : text.substring(space + 1);
  }

  static String count(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  /** How a message names a rate's scope: {@code in phase "api"}, or {@code over the whole run}. */
  static String scope(String scope) {
    return scope.equals(CheckResult.WHOLE_RUN) ? "over the whole run" : "in phase \"" + scope + "\"";
  }
}
