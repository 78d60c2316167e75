package io.ginpreflight.signal;

import io.ginpreflight.model.Measurement;
import java.util.OptionalDouble;

/**
 * The live heap after the last GC, from metrics alone, for targets without pprof:
 * {@code go_gc_heap_live_bytes} when exported, else the GC's own goal divided back by GOGC,
 * {@code go_memstats_next_gc_bytes / (1 + go_gc_gogc_percent / 100)}.
 */
public final class HeapEstimate {

  static final String LIVE_SOURCE = "post-GC estimate from go_gc_heap_live_bytes";
  static final String GOAL_SOURCE = "post-GC estimate from go_memstats_next_gc_bytes / (1 + GOGC/100)";

  private HeapEstimate() {}

  public static Measurement from(PrometheusText metrics) {
    OptionalDouble live = metrics.value("go_gc_heap_live_bytes");
    if (live.isPresent()) {
      return Measurement.of(Math.round(live.getAsDouble())).withSource(LIVE_SOURCE);
    }
    OptionalDouble goal = metrics.value("go_memstats_next_gc_bytes");
    OptionalDouble gogc = metrics.value("go_gc_gogc_percent");
    if (goal.isEmpty()) {
      return Measurement.failed("the metrics have neither go_gc_heap_live_bytes nor go_memstats_next_gc_bytes");
    }
    if (gogc.isPresent() && gogc.getAsDouble() <= 0) {
      // GOGC=off reports -1: the goal is then the memory limit, not a multiple of the live heap.
      return Measurement.failed("GOGC is off, so go_memstats_next_gc_bytes says nothing about the live heap");
    }
    // client_golang exports go_gc_gogc_percent since 1.12; older ones ran with Go's default of 100.
    double percent = gogc.isPresent() ? gogc.getAsDouble() : 100;
    return Measurement.of(Math.round(goal.getAsDouble() / (1 + percent / 100))).withSource(GOAL_SOURCE);
  }
}
