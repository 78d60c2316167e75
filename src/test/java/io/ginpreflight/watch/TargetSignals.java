package io.ginpreflight.watch;

import static io.ginpreflight.model.Signal.GC_COUNT;
import static io.ginpreflight.model.Signal.GOROUTINES;
import static io.ginpreflight.model.Signal.HEAP_INUSE_BYTES;
import static io.ginpreflight.model.Signal.HEAP_OBJECTS;
import static io.ginpreflight.model.Signal.LIVE_HEAP_BYTES;
import static io.ginpreflight.model.Signal.OPEN_FDS;
import static io.ginpreflight.model.Signal.POST_GC_HEAP_BYTES;
import static io.ginpreflight.model.Signal.RSS_BYTES;
import static io.ginpreflight.model.Signal.THREADS;

import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Snapshot;
import io.ginpreflight.signal.ExpvarVars;
import io.ginpreflight.signal.GoroutineDump;
import io.ginpreflight.signal.HeapEstimate;
import io.ginpreflight.signal.MemStatsBlock;
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
 * estimate of the last GC the runtime chose to run. A target without /metrics (net/http/pprof alone) has its
 * goroutines counted from pprof's goroutine profile, here and when a probe settles; its heap is read by the
 * probes, from the MemStats of pprof's heap profile.
 */
final class TargetSignals {

  /** Each signal to the client_golang series that carries it. */
  private static final Map<Signal, String> METRIC_SERIES = Map.of(
      GOROUTINES, "go_goroutines",
      THREADS, "go_threads",
      HEAP_OBJECTS, "go_memstats_heap_objects",
      LIVE_HEAP_BYTES, "go_memstats_heap_alloc_bytes",
      HEAP_INUSE_BYTES, "go_memstats_heap_inuse_bytes",
      GC_COUNT, "go_gc_duration_seconds_count",
      OPEN_FDS, "process_open_fds",
      RSS_BYTES, "process_resident_memory_bytes");

  /** Signals expvar's memstats can give when the metrics lack them, and the memstats field of each. */
  private static final Map<Signal, String> EXPVAR_FIELDS = Map.of(
      LIVE_HEAP_BYTES, "HeapAlloc",
      HEAP_INUSE_BYTES, "HeapInuse",
      HEAP_OBJECTS, "HeapObjects",
      GC_COUNT, "NumGC");

  private static final String NO_SOURCE = "the target offers neither metrics nor pprof (set preflight.metrics.url "
      + "or preflight.pprof.url)";
  private static final String BETWEEN_PROBES = "no /metrics, so between probes this is not read (the probes read the "
      + "heap and goroutines from pprof)";

  private final SignalClient client;
  private final boolean expvarOffered;
  private final SignalEndpoints endpoints;
  private final Optional<LocalSignals> local;

  TargetSignals(SignalClient client, SignalEndpoints endpoints, Optional<LocalSignals> local, boolean expvarOffered) {
    this.client = client;
    this.expvarOffered = expvarOffered;
    this.endpoints = endpoints;
    this.local = local;
  }

  Snapshot read() {
    Map<Signal, Measurement> signals = new LinkedHashMap<>();
    readMetrics(signals);
    fillFromExpvar(signals);
    if (endpoints.metricsUrl().isEmpty() && endpoints.pprofUrl().isPresent()) {
      signals.put(GOROUTINES, pprofGoroutines());
    }
    // The operating system's numbers are exact where the process collector's may be missing.
    local.ifPresent(l -> signals.putAll(l.read()));
    return new Snapshot(Instant.now(), signals);
  }

  /**
   * Everything {@link #read()} reads, and, for a target without metrics, the heap from pprof's MemStats (not
   * after a GC: it only shows the probes will have it). Read once, at start, to tell what the target offers.
   */
  Snapshot readOnce() {
    Snapshot read = read();
    if (read.get(POST_GC_HEAP_BYTES).isMeasured() || endpoints.pprofUrl().isEmpty()) {
      return read;
    }
    Map<Signal, Measurement> signals = new LinkedHashMap<>(read.signals());
    try {
      MemStatsBlock memStats = MemStatsBlock.parse(client.get(endpoints.pprofUrl().get() + "/heap?debug=1"));
      signals.put(POST_GC_HEAP_BYTES, Measurement.of(memStats.require("HeapAlloc")).withSource("HeapAlloc"));
    } catch (SignalUnavailable e) {
      signals.put(POST_GC_HEAP_BYTES, Measurement.failed(e.getMessage()));
    }
    return new Snapshot(read.at(), signals);
  }

  /** For settling: from /metrics, or pprof's goroutine profile when the target has no metrics. */
  Measurement goroutines() {
    if (endpoints.metricsUrl().isEmpty()) {
      return pprofGoroutines();
    }
    try {
      return Measurement.of(PrometheusText.parse(client.get(endpoints.metricsUrl().get())).requireLong("go_goroutines"));
    } catch (SignalUnavailable e) {
      return Measurement.failed(e.getMessage());
    }
  }

  /** The total on the first line of {@code goroutine?debug=1}: the count /metrics' go_goroutines gives. */
  private Measurement pprofGoroutines() {
    if (endpoints.pprofUrl().isEmpty()) {
      return Measurement.failed(NO_SOURCE);
    }
    try {
      return Measurement.of(GoroutineDump.parse(client.get(endpoints.pprofUrl().get() + "/goroutine?debug=1")).total());
    } catch (SignalUnavailable e) {
      return Measurement.failed(e.getMessage());
    }
  }

  /**
   * A service whose registry lacks the Go collector still has memstats in expvar. Read only when needed:
   * /debug/vars calls runtime.ReadMemStats, which stops the world for a moment.
   */
  private void fillFromExpvar(Map<Signal, Measurement> into) {
    boolean missing = EXPVAR_FIELDS.keySet().stream().anyMatch(s -> into.get(s) == null || !into.get(s).isMeasured());
    if (!missing || endpoints.expvarUrl().isEmpty() || !expvarOffered) {
      return;
    }
    try {
      ExpvarVars vars = ExpvarVars.parse(client.get(endpoints.expvarUrl().get()));
      EXPVAR_FIELDS.forEach((signal, field) -> {
        if (into.get(signal) == null || !into.get(signal).isMeasured()) {
          try {
            into.put(signal, Measurement.of(vars.memstat(field)).withSource("expvar memstats." + field));
          } catch (SignalUnavailable e) {
            // The metrics' reason for the gap stands.
          }
        }
      });
    } catch (SignalUnavailable e) {
      // The metrics' reasons for the gaps stand; expvar was only a second chance.
    }
  }

  private void readMetrics(Map<Signal, Measurement> into) {
    if (endpoints.metricsUrl().isEmpty()) {
      Measurement missing = Measurement.failed(endpoints.pprofUrl().isPresent() ? BETWEEN_PROBES : NO_SOURCE);
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
