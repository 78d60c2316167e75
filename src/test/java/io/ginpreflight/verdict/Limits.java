package io.ginpreflight.verdict;

import io.ginpreflight.config.PreflightConfig;

/** How much each signal may grow during one phase before the phase fails. Immutable. */
public record Limits(long heapGrowthBytes, long goroutineGrowth) {

  public static Limits from(PreflightConfig config) {
    return new Limits(
        config.nonNegativeBytes("preflight.limits.heap-growth"),
        config.nonNegativeLong("preflight.limits.goroutine-growth"));
  }

  public long limitFor(CheckKind kind) {
    return switch (kind) {
      case HEAP_GROWTH -> heapGrowthBytes;
      case GOROUTINE_GROWTH -> goroutineGrowth;
    };
  }

  public Limits withHeapGrowth(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("A heap growth limit cannot be negative, got " + bytes + " bytes.");
    }
    return new Limits(bytes, goroutineGrowth);
  }

  public Limits withGoroutineGrowth(long goroutines) {
    if (goroutines < 0) {
      throw new IllegalArgumentException("A goroutine growth limit cannot be negative, got " + goroutines + ".");
    }
    return new Limits(heapGrowthBytes, goroutines);
  }
}
