package io.ginpreflight.plan;

import io.ginpreflight.model.RequestPart;
import java.util.List;

/**
 * What the plan needs to know of a phase: its name, whether it is judged, its planned rounds and the most it
 * may run while a check is undecided, and the limits it is judged against (the simulation's, adjusted for the
 * phase).
 *
 * @param maxRounds the planned rounds and the extra ones the phase may run; equal to {@code rounds} when it
 *     runs none
 * @param growthOnly why the phase is judged by its growth checks only, with no rate per request; empty: it
 *     has its rates
 * @param parts the requests of its journey an attribution can drive apart, in journey order; empty: none
 */
public record PlannedPhase(String name, boolean judged, int rounds, int maxRounds, Limits limits,
    String growthOnly, List<RequestPart> parts) {

  public PlannedPhase {
    if (maxRounds < rounds) {
      throw new IllegalArgumentException("Phase \"" + name + "\" plans " + rounds + " rounds but may run only "
          + maxRounds);
    }
    parts = parts == null ? List.of() : List.copyOf(parts);
  }

  /** A phase whose requests cannot be driven apart. */
  public PlannedPhase(String name, boolean judged, int rounds, int maxRounds, Limits limits, String growthOnly) {
    this(name, judged, rounds, maxRounds, limits, growthOnly, List.of());
  }

  /** A phase that runs its planned rounds only, judged per request too. */
  public PlannedPhase(String name, boolean judged, int rounds, Limits limits) {
    this(name, judged, rounds, rounds, limits, "");
  }

  /** A phase that may run extra rounds, judged per request too. */
  public PlannedPhase(String name, boolean judged, int rounds, int maxRounds, Limits limits) {
    this(name, judged, rounds, maxRounds, limits, "");
  }

  /** Whether rounds after the planned ones may run while a check is undecided. */
  public boolean hasExtraRounds() {
    return maxRounds > rounds;
  }

  /**
   * The scenario name of a round: the phase's own name when it has one round, {@code api (round 2/3)} for a
   * planned one, {@code api (round 4, extra)} for one run only while a check was undecided.
   */
  public String roundName(int round) {
    if (rounds == 1 && maxRounds == 1) {
      return name;
    }
    return round <= rounds ? name + " (round " + round + "/" + rounds + ")" : name + " (round " + round + ", extra)";
  }
}
