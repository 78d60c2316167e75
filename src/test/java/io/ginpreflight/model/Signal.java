package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A quantity read from the target. Its JSON name is how probe records, memory.json and samples.jsonl
 * name it, so it never changes; its unit says how its values are written.
 */
public enum Signal {
  /** After forced GCs at a probe; between probes, the live heap marked by the runtime's last own GC. */
  POST_GC_HEAP_BYTES("postGcHeapBytes", Unit.BYTES),
  LIVE_HEAP_BYTES("liveHeapBytes", Unit.BYTES),
  HEAP_INUSE_BYTES("heapInuseBytes", Unit.BYTES),
  HEAP_OBJECTS("heapObjects", Unit.COUNT),
  GOROUTINES("goroutines", Unit.COUNT),
  /** Goroutines the GC proved can never resume (Go 1.26's goroutineleak profile), read at probes only. */
  LEAKED_GOROUTINES("leakedGoroutines", Unit.COUNT),
  THREADS("threads", Unit.COUNT),
  RSS_BYTES("rssBytes", Unit.BYTES),
  OPEN_FDS("openFds", Unit.COUNT),
  GC_COUNT("gcCount", Unit.COUNT),
  TEMP_FILES("tempFiles", Unit.COUNT),
  TEMP_BYTES("tempBytes", Unit.BYTES);

  private final String jsonName;
  private final Unit unit;

  Signal(String jsonName, Unit unit) {
    this.jsonName = jsonName;
    this.unit = unit;
  }

  /** The name in every file the project writes, also as a map key. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  public Unit unit() {
    return unit;
  }

  /** The JSON name: messages name a signal as the files do. */
  @Override
  public String toString() {
    return jsonName;
  }
}
