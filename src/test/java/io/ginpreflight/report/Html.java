package io.ginpreflight.report;

import io.ginpreflight.model.Status;
import io.ginpreflight.model.Unit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Text made safe for HTML and SVG, and the value formats both pages share. */
final class Html {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Html() {}

  /** Escapes for element text and for quoted attribute values alike; null is an empty string. */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A value in its unit, or a dash when it was not measured; a report without a unit counts. */
  static String value(Long value, Unit unit) {
    if (value == null) {
      return "–";
    }
    return (unit == null ? Unit.COUNT : unit).format(value);
  }

  /** A growth with its sign, so that shrinking reads as shrinking. */
  static String growth(Long value, Unit unit) {
    if (value == null) {
      return "–";
    }
    return (value > 0 ? "+" : "") + value(value, unit);
  }

  static String number(Double value, int decimals) {
    return value == null ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  static String bytesPerRequest(Double value) {
    return value == null ? "–" : number(value, 1) + " B";
  }

  static String when(Instant at) {
    return at == null ? "–" : WHEN.format(at);
  }

  /** Elapsed time as people read a stopwatch: 45s, 3m05s, 1h02m. */
  static String elapsed(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }

  /** The CSS class of a status cell: ok, ko, undecided or inconclusive. */
  static String statusClass(Status status) {
    return status == Status.OK ? "ok" : status == Status.KO ? "ko" : status == Status.UNDECIDED ? "undecided"
        : "inconclusive";
  }

  /** The CSS class of a run's verdict; a run whose verdict is unknown is inconclusive. */
  static String verdictClass(RunVerdict verdict) {
    return verdict == RunVerdict.PASS ? "ok" : verdict == RunVerdict.FAIL ? "ko" : verdict == RunVerdict.WARN
        ? "undecided" : "inconclusive";
  }
}
