package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether the target offers a {@link Source}, asked once at start. {@code detail} is, for an offered
 * source, what is worth printing beside "yes" (its pid, its path) or empty; for a missing one, why it is
 * missing and what to do about it. Its two texts are written here and nowhere else: {@link #answer()}
 * for memory.json, {@link #spoken()} for the start-up line.
 */
public record Availability(boolean offered, String detail) {

  public static final Availability YES = new Availability(true, "");

  private static final String NO = "no: ";

  public Availability {
    detail = detail == null ? "" : detail;
  }

  public static Availability yes(String detail) {
    return new Availability(true, detail);
  }

  public static Availability no(String reason) {
    return new Availability(false, reason);
  }

  /** The advice follows the reason after a dash: every reader sees them together. */
  public static Availability no(String reason, String advice) {
    return new Availability(false, advice.isEmpty() ? reason : reason + " — " + advice);
  }

  /** As memory.json writes it: {@code yes}, {@code yes (pid 19021)} or {@code no: why}. */
  @JsonValue
  public String answer() {
    return offered ? yesText() : NO + detail;
  }

  /** As the start-up line says it: {@code yes}, {@code yes (pid 19021)} or {@code no (why)}. */
  public String spoken() {
    return offered ? yesText() : "no (" + detail + ")";
  }

  private String yesText() {
    return detail.isEmpty() ? "yes" : "yes (" + detail + ")";
  }

  /**
   * Reads {@link #answer()} back from memory.json of an earlier run; the only place these words are
   * parsed. An answer that is not "yes ..." is a missing source, and keeps its words as the reason.
   */
  @JsonCreator
  public static Availability parse(String answer) {
    if (answer.equals("yes")) {
      return YES;
    }
    if (answer.startsWith("yes (") && answer.endsWith(")")) {
      return yes(answer.substring("yes (".length(), answer.length() - 1));
    }
    return no(answer.startsWith(NO) ? answer.substring(NO.length()) : answer);
  }
}
