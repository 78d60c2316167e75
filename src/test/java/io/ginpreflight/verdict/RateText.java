package io.ginpreflight.verdict;

import io.ginpreflight.model.Bytes;
import io.ginpreflight.model.TrendKind;
import java.util.Locale;

/** How rates read in messages: "180 B per request", "3.2 KiB per virtual user", "2.1 per 1,000 requests". */
final class RateText {

  private RateText() {}

  /** A value in the kind's unit, without the "per" part: "180 B", "3.2 KiB", "2.1". */
  static String value(TrendKind kind, double value) {
    if (!kind.isBytes()) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    double magnitude = Math.abs(value);
    if (magnitude < 10) {
      return String.format(Locale.ROOT, "%.1f B", value);
    }
    return magnitude < 1024 ? Math.round(value) + " B" : Bytes.format(Math.round(value));
  }

  /** "per request", "per virtual user", "per 1,000 requests". */
  static String per(TrendKind kind) {
    return kind.perCount() == 1 ? "per " + kind.per().one()
        : String.format(Locale.ROOT, "per %,d %s", kind.perCount(), kind.per().many());
  }

  static String rate(TrendKind kind, double value) {
    return value(kind, value) + " " + per(kind);
  }

  /** "150 to 210 B", "1.80 to 2.40": both ends in the unit once. */
  static String interval(TrendKind kind, double low, double high) {
    String lowText = value(kind, low);
    String highText = value(kind, high);
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
}
