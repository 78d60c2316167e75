package io.ginpreflight.model;

import java.time.Duration;

/**
 * How much the target's readings move with no load at all: two probes taken {@code apart} before the
 * first phase, their post-GC heap and goroutine differences (absolute). A difference of two readings has
 * sqrt(2) times the spread of one, which {@link #heapSpread()} and {@link #goroutineSpread()} undo.
 * Unmeasured when either probe could not read the signal.
 */
public record IdleNoise(Measurement heapDifference, Measurement goroutineDifference, Duration apart) {

  public double heapSpread() {
    return heapDifference.isMeasured() ? heapDifference.value() / Math.sqrt(2) : 0;
  }

  public double goroutineSpread() {
    return goroutineDifference.isMeasured() ? goroutineDifference.value() / Math.sqrt(2) : 0;
  }

  /** The spread of one reading of a signal, 0 when it was not measured. */
  public double spreadOf(Signal signal) {
    return signal == Signal.POST_GC_HEAP_BYTES ? heapSpread()
        : signal == Signal.GOROUTINES ? goroutineSpread() : 0;
  }

  public static IdleNoise between(ProbeReading first, ProbeReading second) {
    return new IdleNoise(difference(first, second, Signal.POST_GC_HEAP_BYTES),
        difference(first, second, Signal.GOROUTINES), Duration.between(first.takenAt(), second.takenAt()));
  }

  private static Measurement difference(ProbeReading first, ProbeReading second, Signal signal) {
    Measurement a = first.get(signal);
    Measurement b = second.get(signal);
    if (!a.isMeasured()) {
      return a;
    }
    return b.isMeasured() ? Measurement.of(Math.abs(b.value() - a.value())) : b;
  }
}
