package io.ginpreflight.model;

/**
 * One reading of one signal: a value, or the reason it could not be read. {@code source} names where a
 * value came from when that changes its meaning (for the heap: "HeapAlloc" after forced GCs, or an
 * estimate); {@code note} qualifies it (for example that the target had not settled).
 */
public record Measurement(long value, String failure, String note, String source) {

  public static Measurement of(long value) {
    return new Measurement(value, null, "", "");
  }

  public static Measurement of(long value, String note) {
    return new Measurement(value, null, note, "");
  }

  public static Measurement failed(String reason) {
    return new Measurement(0, reason, "", "");
  }

  public boolean isMeasured() {
    return failure == null;
  }

  public Measurement withNote(String extra) {
    if (!isMeasured() || extra.isEmpty()) {
      return this;
    }
    return new Measurement(value, null, note.isEmpty() ? extra : note + "; " + extra, source);
  }

  public Measurement withSource(String newSource) {
    return new Measurement(value, failure, note, newSource);
  }
}
