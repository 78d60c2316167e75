package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;

import io.gatling.javaapi.core.ChainBuilder;
import io.ginpreflight.Phase;
import io.ginpreflight.gatling.JourneyParts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One endpoint family ready to run: the journey of its warm-up and of its judged phase, its load in the
 * chosen profile, and any phase of its own (the long connections hold some open). Immutable.
 *
 * @param name the judged phase's name, e.g. "uploads"; the warm-up is "uploads warm-up"
 * @param warmUpJourney what a warm-up user does (often the journey itself)
 * @param journey what a judged user does
 * @param load rates, durations and rounds of the profile
 * @param extraPhases phases after the judged one
 * @param parts the judged journey as requests an attribution can drive apart; empty: it cannot
 */
public record Family(String name, ChainBuilder warmUpJourney, ChainBuilder journey, Load load,
    List<Phase> extraPhases, Optional<JourneyParts> parts) {

  public List<Phase> phases() {
    List<Phase> phases = new ArrayList<>();
    phases.add(Phase.warmUp(name + " warm-up").journey(warmUpJourney)
        // fills caches, pools and connection pools so their first growth is not judged
        .inject(constantUsersPerSec(load.warmUpRate()).during(load.warmUp())));
    Phase judged = Phase.named(name).journey(journey)
        // the family's steady traffic: its growth, and with rounds its leak rates, is the verdict
        .inject(constantUsersPerSec(load.rate()).during(load.duration()));
    judged = parts.map(judged::attributable).orElse(judged);
    phases.add(load.rounds() > 1 ? judged.rounds(load.rounds()) : judged);
    phases.addAll(extraPhases);
    return List.copyOf(phases);
  }
}
