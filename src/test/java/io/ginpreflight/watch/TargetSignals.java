package io.ginpreflight.watch;

import static io.ginpreflight.report.Signals.GOROUTINES;
import static io.ginpreflight.report.Signals.HEAP_OBJECTS;
import static io.ginpreflight.report.Signals.OPEN_FDS;
import static io.ginpreflight.report.Signals.POST_GC_HEAP_BYTES;
import static io.ginpreflight.report.Signals.RSS_BYTES;
import static io.ginpreflight.report.Signals.THREADS;

import io.ginpreflight.signal.PrometheusText;
import io.ginpreflight.signal.SignalClient;
import io.ginpreflight.signal.SignalUnavailable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads every cheap signal at once: one GET of /metrics plus the operating system's view of a local
 * target. Nothing here forces a GC; {@link PhaseProbe} does that. The post-GC heap read here is the
 * estimate of the last GC the runtime chose to run.
 */
final class TargetSignals {

  static final String LIVE_HEAP_BYTES = "liveHeapBytes";
  static final String HEAP_INUSE_BYTES = "heapInuseBytes";
  static final String GC_COUNT = "gcCount";

  /** Signal name to the client_golang series that carries it. */
  private static final Map<String, String> METRIC_SERIES = Map.of(
      GOROUTINES, "go_goroutines",
      THREADS, "go_threads",
      HEAP_OBJECTS, "go_memstats_heap_objects",
      LIVE_HEAP_BYTES, "go_memstats_heap_alloc_bytes",
      HEAP_INUSE_BYTES, "go_memstats_heap_inuse_bytes",
      GC_COUNT, "go_gc_duration_seconds_count",
      OPEN_FDS, "process_open_fds",
      RSS_BYTES, "process_resident_memory_bytes");

  private final SignalClient client;
  private final SignalEndpoints endpoints;
  private final Optional<LocalSignals> local;

  TargetSignals(SignalClient client, SignalEndpoints endpoints, Optional<LocalSignals> local) {
    this.client = client;
    this.endpoints = endpoints;
    this.local = local;
  }

  Snapshot read() {
    Map<String, Measurement> signals = new LinkedHashMap<>();
    readMetrics(signals);
    // The operating system's numbers are exact where the process collector's may be missing.
    local.ifPresent(l -> signals.putAll(l.read()));
    return new Snapshot(Instant.now(), signals);
  }

  Measurement goroutines() {
    if (endpoints.metricsUrl().isEmpty()) {
      return Measurement.failed("the target has no metrics endpoint (set preflight.metrics.url)");
    }
    try {
      return Measurement.of(PrometheusText.parse(client.get(endpoints.metricsUrl().get())).requireLong("go_goroutines"));
    } catch (SignalUnavailable e) {
      return Measurement.failed(e.getMessage());
    }
  }

  private void readMetrics(Map<String, Measurement> into) {
    if (endpoints.metricsUrl().isEmpty()) {
      Measurement missing = Measurement.failed("the target has no metrics endpoint (set preflight.metrics.url)");
      METRIC_SERIES.keySet().forEach(signal -> into.put(signal, missing));
      into.put(POST_GC_HEAP_BYTES, missing);
      return;
    }
    try {
      PrometheusText metrics = PrometheusText.parse(client.get(endpoints.metricsUrl().get()));
      METRIC_SERIES.forEach((signal, series) -> into.put(signal, metrics.value(series).isPresent()
          ? Measurement.of(Math.round(metrics.value(series).getAsDouble()))
          : Measurement.failed("the metrics have no " + series + " series")));
      into.put(POST_GC_HEAP_BYTES, HeapEstimate.from(metrics));
    } catch (SignalUnavailable e) {
      Measurement failed = Measurement.failed(e.getMessage());
      METRIC_SERIES.keySet().forEach(signal -> into.put(signal, failed));
      into.put(POST_GC_HEAP_BYTES, failed);
    }
  }
}
