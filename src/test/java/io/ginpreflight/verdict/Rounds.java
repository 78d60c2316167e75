package io.ginpreflight.verdict;

import io.ginpreflight.plan.PhaseWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which extra rounds each phase asked for while the run went on, and why, within the run's time for them.
 * Written by the judge at each look, read by the populations of the extra rounds when they start (on
 * Gatling's threads), so every part is safe to read at any time.
 */
final class Rounds {

  private final Duration extraTime;
  private final Map<String, Integer> wanted = new ConcurrentHashMap<>();
  private final Map<String, List<String>> reasons = new ConcurrentHashMap<>();
  private final Map<String, Instant> asked = new ConcurrentHashMap<>();
  private volatile Duration used = Duration.ZERO;

  Rounds(Duration extraTime) {
    this.extraTime = extraTime;
  }

  /** Whether a round of a phase runs: a planned one always, an extra one when a look asked for it. */
  boolean runs(PhaseWindow window, int round) {
    return round <= window.rounds() || round <= wanted.getOrDefault(window.phase(), 0);
  }

  /**
   * Whether another round fits the run's time for extra rounds, guessing it lasts as long as the round
   * before it did (from the probe after the round before that).
   */
  boolean fits(Duration lastRound) {
    return used.plus(lastRound).compareTo(extraTime) <= 0;
  }

  synchronized void ask(PhaseWindow window, int round, String reason, Instant now) {
    wanted.put(window.phase(), round);
    reasons.computeIfAbsent(window.phase(), p -> new ArrayList<>()).add(reason);
    asked.put(window.phase(), now);
  }

  /** The extra round a phase asked for ended at its probe: its time is spent. */
  synchronized void ended(PhaseWindow window, Instant now) {
    Instant since = asked.remove(window.phase());
    if (since != null) {
      used = used.plus(Duration.between(since, now));
    }
  }

  List<String> reasons(PhaseWindow window) {
    return List.copyOf(reasons.getOrDefault(window.phase(), List.of()));
  }

  Duration used() {
    return used;
  }
}
