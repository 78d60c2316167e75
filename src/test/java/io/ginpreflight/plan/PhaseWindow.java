package io.ginpreflight.plan;

import java.util.List;

/**
 * A phase as the plan places it between probes, worked out once and used unchanged by the verdicts and
 * the reports, so both speak of the same probes.
 *
 * @param openingProbe the probe before the phase's first round: the phase's load starts after it
 * @param baselineProbe the probe growth is judged from: the opening probe, or with rounds the probe after
 *     round 1 (the first round is warm-up)
 * @param closingProbe the probe after the last round
 * @param roundProbes the probe after each round, round 1 first
 * @param roundScenarios each round's scenario name, whose requests Gatling counts
 * @param growthChecks the growth checks judged when the window closes; empty for a warm-up
 * @param rateChecks the rate checks fitted through its probes (every judged window has them); empty for a
 *     warm-up
 */
public record PhaseWindow(
    String phase,
    boolean judged,
    int rounds,
    int openingProbe,
    int baselineProbe,
    int closingProbe,
    List<Integer> roundProbes,
    List<String> roundScenarios,
    List<GrowthCheck> growthChecks,
    List<RateCheck> rateChecks) {

  public PhaseWindow {
    roundProbes = List.copyOf(roundProbes);
    roundScenarios = List.copyOf(roundScenarios);
    growthChecks = List.copyOf(growthChecks);
    rateChecks = List.copyOf(rateChecks);
  }

  /** The names of the records this window writes to Gatling's results, one per check. */
  public List<String> recordNames() {
    List<String> names = new java.util.ArrayList<>();
    growthChecks.forEach(check -> names.add(check.kind().recordName(phase)));
    rateChecks.forEach(check -> names.add(check.kind().recordName(phase)));
    return names;
  }
}
