package io.ginpreflight.watch;

/**
 * One reading of one signal: a value, or the reason it could not be read. A note qualifies a value
 * (for example that it is an estimate, or that the target did not settle).
 */
public record Measurement(long value, String failure, String note) {

  public static Measurement of(long value) {
    return new Measurement(value, null, "");
  }

  public static Measurement of(long value, String note) {
    return new Measurement(value, null, note);
  }

  public static Measurement failed(String reason) {
    return new Measurement(0, reason, "");
  }

  public boolean isMeasured() {
    return failure == null;
  }

  public Measurement withNote(String extra) {
    if (!isMeasured() || extra.isEmpty()) {
      return this;
    }
    return new Measurement(value, null, note.isEmpty() ? extra : note + "; " + extra);
  }
}
