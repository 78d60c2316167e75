package io.ginpreflight.plan;

import io.ginpreflight.config.PreflightConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a KO (or undecided) rate of a family is followed by rounds that drive its requests apart, and for
 * how long at most in the whole run ({@code preflight.attribution.max-time}; {@code off}: never).
 */
public record AttributionSettings(Optional<Duration> maxTime) {

  /** No attribution: a distributed run's fixed schedule, and plans of tests that do not drive requests apart. */
  public static final AttributionSettings OFF = new AttributionSettings(Optional.empty());

  /** Up to this many requests each one is driven alone; more are halved, and the halves that retain halved again. */
  public static final int HANDFUL = 6;

  public static AttributionSettings from(PreflightConfig config) {
    return new AttributionSettings(config.durationOrOff("preflight.attribution.max-time")
        .filter(time -> !time.isZero()));
  }

  public boolean on() {
    return maxTime.isPresent();
  }

  /**
   * The rounds laid out for a family of {@code parts} requests (those not asked for cost a second each, beside
   * the next phase): one each for a handful; for more, two per halving down to one request, and two more for the
   * quarters that tell "every request" from two requests that retain alike. A family of one request needs none.
   */
  public int roundsFor(int parts) {
    if (!on() || parts < 2) {
      return 0;
    }
    if (parts <= HANDFUL) {
      return parts;
    }
    int halvings = 32 - Integer.numberOfLeadingZeros(parts - 1);
    return 2 * halvings + 2;
  }
}
