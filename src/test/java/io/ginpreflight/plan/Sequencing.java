package io.ginpreflight.plan;

import io.ginpreflight.config.PreflightConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * How a judged phase decides before it stops: at most {@code maxRounds} rounds (planned ones included), extra
 * rounds started only while {@code extraTime} is left for the whole run, and a growth that would fail read
 * again after up to {@code grace} with no load (empty: never).
 */
public record Sequencing(int maxRounds, Duration extraTime, Optional<Duration> grace) {

  /** No extra rounds and no second look: a distributed run's fixed schedule, and tests of one look. */
  public static final Sequencing NONE = new Sequencing(1, Duration.ZERO, Optional.empty());

  public Sequencing {
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds must be at least 1, got " + maxRounds);
    }
  }

  public static Sequencing from(PreflightConfig config) {
    return new Sequencing(config.positiveInt("preflight.rounds.max"),
        config.durationOrOff("preflight.rounds.extra-time").orElse(Duration.ZERO),
        config.durationOrOff("preflight.confirmation.grace").filter(grace -> !grace.isZero()));
  }

  /** The same, without the second look: a distributed run's probe slots have no room for it. */
  public Sequencing withoutExtras() {
    return new Sequencing(1, Duration.ZERO, Optional.empty());
  }

  /** The rounds a phase planned with {@code planned} rounds may run: more only for a phase with rounds. */
  public int maxRoundsOf(int planned) {
    return planned >= 3 ? Math.max(planned, maxRounds) : planned;
  }
}
