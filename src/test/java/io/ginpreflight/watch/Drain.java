package io.ginpreflight.watch;

import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Signal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Waits, with no load, for goroutines and descriptors to come back down to a count, or for the grace period
 * to end: a WebSocket library waiting for a vanished peer's close frame, idle keep-alive connections and the
 * buffers they hold end by themselves within a library timeout, and a second look after that tells them from
 * a leak. Cheap readings a quarter second apart; the forced GCs wait for the second look itself.
 */
final class Drain {

  static final Duration POLL = Duration.ofMillis(250);

  private final Supplier<Measurement> goroutines;
  private final Supplier<Optional<Measurement>> descriptors;

  /** @param descriptors the open descriptors now, empty when the target's cannot be read */
  Drain(Supplier<Measurement> goroutines, Supplier<Optional<Measurement>> descriptors) {
    this.goroutines = goroutines;
    this.descriptors = descriptors;
  }

  /**
   * @param wholeGrace wait the whole grace: nothing visible drains (heap growth alone)
   * @return how long it waited
   */
  Duration await(OptionalLong goroutinesAtMost, OptionalLong descriptorsAtMost, boolean wholeGrace,
      Duration grace) {
    long start = System.nanoTime();
    long deadline = start + grace.toNanos();
    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
      if (!wholeGrace && down(goroutines.get(), goroutinesAtMost)
          && down(descriptors.get().orElse(Measurement.failed("unread")), descriptorsAtMost)) {
        break;
      }
      try {
        Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Down when at or under the count; a signal with no count to reach, or that cannot be read, waits on nothing. */
  private static boolean down(Measurement now, OptionalLong atMost) {
    return atMost.isEmpty() || !now.isMeasured() || now.value() <= atMost.getAsLong();
  }

  /** The descriptors of a target: from /proc for a local one, else from its metrics. */
  static Supplier<Optional<Measurement>> descriptorsOf(Optional<LocalSignals> local, TargetSignals signals) {
    return () -> Optional.ofNullable(local.map(l -> l.read().get(Signal.OPEN_FDS))
        .orElseGet(() -> signals.read().get(Signal.OPEN_FDS)));
  }
}
