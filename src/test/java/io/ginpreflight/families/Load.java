package io.ginpreflight.families;

import io.ginpreflight.config.PreflightConfig;
import java.time.Duration;

/**
 * One family's load in one profile, from {@code preflight.families.<family>.load.<profile>}: journeys per
 * second and for how long, in the warm-up and in each judged round.
 *
 * @param warmUpRate journeys per second during the warm-up (not judged)
 * @param warmUp how long the warm-up lasts
 * @param rate journeys per second during each judged round
 * @param duration how long each judged round lasts
 * @param rounds judged rounds: 1, or at least 3 so a leak rate can be fitted
 */
public record Load(double warmUpRate, Duration warmUp, double rate, Duration duration, int rounds) {

  static Load from(PreflightConfig config, String family, Profile profile) {
    String at = "preflight.families." + family + ".load." + profile.key() + ".";
    return new Load(config.positiveDouble(at + "warm-up-rate"), config.positiveDuration(at + "warm-up"),
        config.positiveDouble(at + "rate"), config.positiveDuration(at + "duration"), config.positiveInt(at + "rounds"));
  }
}
