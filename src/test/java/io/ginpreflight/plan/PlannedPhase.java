package io.ginpreflight.plan;

/**
 * What the plan needs to know of a phase: its name, whether it is judged, its rounds, and the limits it
 * is judged against (the simulation's, adjusted for the phase).
 */
public record PlannedPhase(String name, boolean judged, int rounds, Limits limits) {

  /** The scenario name of a round; the phase's own name when it has one round. */
  public String roundName(int round) {
    return rounds == 1 ? name : name + " (round " + round + "/" + rounds + ")";
  }
}
