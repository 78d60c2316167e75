package io.ginpreflight.model;

/** A per-phase growth check: which signal it reads, how messages name it, and its config key. */
public enum CheckKind {
  HEAP_GROWTH("heap growth", Signal.POST_GC_HEAP_BYTES, "heap", "heap-growth"),
  GOROUTINE_GROWTH("goroutine growth", Signal.GOROUTINES, "goroutines", "goroutine-growth"),
  /** A leak the runtime proves needs no threshold or noise model: the default limit is 0. */
  LEAKED_GOROUTINES("leaked goroutines", Signal.LEAKED_GOROUTINES, "goroutines the runtime proved leaked",
      "leaked-goroutines"),
  FD_GROWTH("open fd growth", Signal.OPEN_FDS, "open file descriptors", "fd-growth"),
  TEMP_FILE_GROWTH("temp file growth", Signal.TEMP_FILES, "temp files", "temp-file-growth"),
  RSS_GROWTH("RSS growth", Signal.RSS_BYTES, "RSS", "rss-growth");

  private final String checkName;
  private final Signal signal;
  private final String signalName;
  private final String configKey;

  CheckKind(String checkName, Signal signal, String signalName, String configKey) {
    this.checkName = checkName;
    this.signal = signal;
    this.signalName = signalName;
    this.configKey = configKey;
  }

  /** The name of the record in Gatling's results, e.g. {@code memory: heap growth [steady]}. */
  public String recordName(String phase) {
    return "memory: " + checkName + " [" + phase + "]";
  }

  public String checkName() {
    return checkName;
  }

  /** The signal this check reads. */
  public Signal signal() {
    return signal;
  }

  /** How messages name the signal; the heap says where its number came from. */
  public String signalName(String source) {
    return source == null || source.isEmpty() ? signalName : signalName + " (" + source + ")";
  }

  /** The unit of its signal, which its limit and messages share. */
  public Unit unit() {
    return signal.unit();
  }

  /** The key under {@code preflight.limits}. */
  public String configKey() {
    return configKey;
  }
}
