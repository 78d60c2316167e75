package io.ginpreflight.model;

import java.util.Locale;

/**
 * A per-phase figure the baseline check compares with the median of earlier comparable runs: the two leak
 * rates, and the descriptors and temp files a phase left behind.
 */
public enum BaselineFigure {
  RETAINED_BYTES_PER_REQUEST("retained bytes per request", "retained-bytes-per-request", Signal.POST_GC_HEAP_BYTES),
  GOROUTINES_PER_1000_REQUESTS("goroutines per 1,000 requests", "goroutines-per-1000-requests", Signal.GOROUTINES),
  FD_GROWTH("open descriptor growth", "fd-growth", Signal.OPEN_FDS),
  TEMP_FILE_GROWTH("temp file growth", "temp-file-growth", Signal.TEMP_FILES);

  private final String label;
  private final String configKey;
  private final Signal signal;

  BaselineFigure(String label, String configKey, Signal signal) {
    this.label = label;
    this.configKey = configKey;
    this.signal = signal;
  }

  /** How messages name it, e.g. "retained bytes per request". */
  public String label() {
    return label;
  }

  /** The key under {@code preflight.baseline.limits}. */
  public String configKey() {
    return configKey;
  }

  /** The signal it is read from: a target that does not offer it has no such baseline. */
  public Signal signal() {
    return signal;
  }

  /** A value in the figure's unit: "210 B", "3.4 B", "1.25", "3". */
  public String format(double value) {
    return switch (this) {
      case RETAINED_BYTES_PER_REQUEST -> Math.abs(value) < 10 ? String.format(Locale.ROOT, "%.1f B", value)
          : Math.abs(value) < 1024 ? Math.round(value) + " B" : Bytes.format(Math.round(value));
      case GOROUTINES_PER_1000_REQUESTS -> String.format(Locale.ROOT, "%.2f", value);
      case FD_GROWTH, TEMP_FILE_GROWTH -> Math.abs(value - Math.rint(value)) < 1e-9
          ? Long.toString(Math.round(value)) : String.format(Locale.ROOT, "%.1f", value);
    };
  }
}
