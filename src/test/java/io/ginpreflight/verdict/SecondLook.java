package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckResult;
import io.ginpreflight.plan.PhaseWindow;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

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

  /** The probe that takes the second look. */
  public int probe() {
    return window.confirmationProbe().orElseThrow();
  }
}
