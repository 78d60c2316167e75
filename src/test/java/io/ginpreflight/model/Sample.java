package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One continuous sample of the target, one JSON line in {@code samples.jsonl}. A null field is a signal
 * this target does not offer (see the report's {@code signals}). {@code postGcHeapBytes} here is the
 * live heap marked by the last GC the runtime ran by itself, not a forced one. The fields carry the
 * {@link Signal}s' JSON names: the file's shape is documented field by field in docs/memory-json.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sample(
    Instant at,
    String phase,
    Long postGcHeapBytes,
    Long liveHeapBytes,
    Long heapInuseBytes,
    Long heapObjects,
    Long goroutines,
    Long threads,
    Long rssBytes,
    Long openFds,
    Long gcCount,
    Long tempFiles,
    Long tempBytes) {

  /** A sample of the measured values; a signal missing from {@code values} is not offered. */
  public static Sample of(Instant at, String phase, Map<Signal, Long> values) {
    return new Sample(at, phase, values.get(Signal.POST_GC_HEAP_BYTES), values.get(Signal.LIVE_HEAP_BYTES),
        values.get(Signal.HEAP_INUSE_BYTES), values.get(Signal.HEAP_OBJECTS), values.get(Signal.GOROUTINES),
        values.get(Signal.THREADS), values.get(Signal.RSS_BYTES), values.get(Signal.OPEN_FDS),
        values.get(Signal.GC_COUNT), values.get(Signal.TEMP_FILES), values.get(Signal.TEMP_BYTES));
  }
}
