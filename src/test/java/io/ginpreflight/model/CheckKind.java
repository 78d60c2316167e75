package io.ginpreflight.model;


/** A per-phase growth check: which signal it reads, how messages name it, and its config key. */
public enum CheckKind {
  HEAP_GROWTH("heap growth", Signals.POST_GC_HEAP_BYTES, "heap", Unit.BYTES, "heap-growth"),
  GOROUTINE_GROWTH("goroutine growth", Signals.GOROUTINES, "goroutines", Unit.COUNT, "goroutine-growth"),
  FD_GROWTH("open fd growth", Signals.OPEN_FDS, "open file descriptors", Unit.COUNT, "fd-growth"),
  TEMP_FILE_GROWTH("temp file growth", Signals.TEMP_FILES, "temp files", Unit.COUNT, "temp-file-growth"),
  RSS_GROWTH("RSS growth", Signals.RSS_BYTES, "RSS", Unit.BYTES, "rss-growth");

  private final String checkName;
  private final String signal;
  private final String signalName;
  private final Unit unit;
  private final String configKey;

  CheckKind(String checkName, String signal, String signalName, Unit unit, String configKey) {
    this.checkName = checkName;
    this.signal = signal;
    this.signalName = signalName;
    this.unit = unit;
    this.configKey = configKey;
  }

  /** The name of the record in Gatling's results, e.g. {@code memory: heap growth [steady]}. */
  public String recordName(String phase) {
    return "memory: " + checkName + " [" + phase + "]";
  }

  public String checkName() {
    return checkName;
  }

  /** The signal this check reads, as named in probe records ({@link Signals}). */
  public String signal() {
    return signal;
  }

  /** How messages name the signal; the heap says where its number came from. */
  public String signalName(String source) {
    return source == null || source.isEmpty() ? signalName : signalName + " (" + source + ")";
  }

  public Unit unit() {
    return unit;
  }

  /** The key under {@code preflight.limits}. */
  public String configKey() {
    return configKey;
  }
}
