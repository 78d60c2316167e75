package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ginpreflight.report.MemoryReport;
import java.time.Instant;

/**
 * One continuous sample of the target, one JSON line in {@code samples.jsonl}. A null field is a signal
 * this target does not offer (see {@link MemoryReport#signals()}). {@code postGcHeapBytes} here is the
 * live heap marked by the last GC the runtime ran by itself, not a forced one.
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
    Long tempBytes) {}
