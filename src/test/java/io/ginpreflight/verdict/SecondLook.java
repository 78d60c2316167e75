package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.PhaseWindow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A phase whose growth would fail, waiting for its second look: read again, with no load, once goroutines and
 * descriptors are back near where the phase's judged rounds began, or after the grace period. Growth that
 * drained meanwhile was lingering (a library's close handshake, idle keep-alive connections), not leaked.
 *
 * @param closingProbe the probe whose look found the growth
 * @param firstLook the phase's checks as that look judged them
 * @param goroutinesAtMost the count goroutines drain to (empty: nothing to wait for there)
 * @param descriptorsAtMost likewise for open descriptors
 * @param waitWholeGrace only heap growth would fail: nothing drains visibly, so the whole grace is waited
 */
public record SecondLook(PhaseWindow window, int closingProbe, int roundsRun, List<CheckResult> firstLook,
    OptionalLong goroutinesAtMost, OptionalLong descriptorsAtMost, boolean waitWholeGrace, Duration grace) {

  public SecondLook {
    firstLook = List.copyOf(firstLook);
  }

  /**
   * The second look a phase's checks need, if any. Lingering shows as a level at the probe after the last
   * round, not as growth in every round: a signal whose rate grew beyond its limit along a line through three
   * probes or more needs none, and neither do goroutines the runtime proved leaked. Goroutines and descriptors
   * drain back to the baseline plus the jitter (and what was proved leaked); heap growth alone waits the grace.
   */
  static Optional<SecondLook> of(PhaseWindow window, int closingProbe, int round, List<CheckResult> checks,
      ProbeReading baseline, ProbeReading closing, double jitter, Duration grace) {
    boolean proved = checks.stream().anyMatch(c -> c.kind() == CheckKind.LEAKED_GOROUTINES
        && c.status() == Status.KO);
    Set<Signal> steady = Lingering.steadilyGrowing(checks);
    List<CheckResult> lingering = checks.stream()
        .filter(c -> c.status() == Status.KO && Lingering.MAY_LINGER.contains(c.kind()))
        .filter(c -> !(proved && c.kind().signal() == Signal.GOROUTINES))
        .filter(c -> !steady.contains(c.kind().signal())).toList();
    if (lingering.isEmpty()) {
      return Optional.empty();
    }
    long provedGrowth = proved ? ProbesSoFar.growth(baseline, closing, Signal.LEAKED_GOROUTINES) : 0;
    long allowance = (long) Math.ceil(jitter);
    OptionalLong goroutines = at(baseline, Signal.GOROUTINES, allowance + provedGrowth);
    OptionalLong descriptors = at(baseline, Signal.OPEN_FDS, allowance);
    boolean heapOnly = lingering.stream().allMatch(c -> c.kind().isBytes())
        && !above(closing, Signal.GOROUTINES, goroutines) && !above(closing, Signal.OPEN_FDS, descriptors);
    return Optional.of(new SecondLook(window, closingProbe, round, checks, goroutines, descriptors, heapOnly,
        grace));
  }

  private static OptionalLong at(ProbeReading reading, Signal signal, long plus) {
    Measurement m = reading.get(signal);
    return m.isMeasured() ? OptionalLong.of(m.value() + plus) : OptionalLong.empty();
  }

  private static boolean above(ProbeReading reading, Signal signal, OptionalLong atMost) {
    Measurement m = reading.get(signal);
    return atMost.isPresent() && m.isMeasured() && m.value() > atMost.getAsLong();
  }

  /** The probe that takes the second look. */
  public int probe() {
    return window.confirmationProbe().orElseThrow();
  }
}
