package io.ginpreflight.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A phase as the plan places it between probes, worked out once and used unchanged by the verdicts and
 * the reports, so both speak of the same probes. A phase with extra rounds has a probe laid out for each
 * of them; which of them run is decided while the run goes on (the judge says which probe closed it).
 *
 * @param rounds the planned rounds
 * @param maxRounds the planned and the extra rounds together; equal to {@code rounds} without extras
 * @param openingProbe the probe before the phase's first round: the phase's load starts after it
 * @param baselineProbe the probe growth is judged from: the opening probe, or with rounds the probe after
 *     round 1 (the first round is warm-up)
 * @param closingProbe the probe after the last planned round
 * @param roundProbes the probe after each round, round 1 first, extra rounds included
 * @param roundScenarios each round's scenario name, whose requests Gatling counts, extra rounds included
 * @param confirmationProbe the probe that reads a growth that would fail again after the grace period
 *     (empty: the plan has none)
 * @param growthChecks the growth checks judged when the window closes; empty for a warm-up
 * @param rateChecks the rate checks fitted through its probes; empty for a warm-up, and for a phase judged by
 *     its growth only
 * @param growthOnly why a judged phase has no rates per request; empty when it has them
 */
public record PhaseWindow(
    String phase,
    boolean judged,
    int rounds,
    int maxRounds,
    int openingProbe,
    int baselineProbe,
    int closingProbe,
    List<Integer> roundProbes,
    List<String> roundScenarios,
    OptionalInt confirmationProbe,
    List<GrowthCheck> growthChecks,
    List<RateCheck> rateChecks,
    String growthOnly) {

  public PhaseWindow {
    growthOnly = growthOnly == null ? "" : growthOnly;
    roundProbes = List.copyOf(roundProbes);
    roundScenarios = List.copyOf(roundScenarios);
    growthChecks = List.copyOf(growthChecks);
    rateChecks = List.copyOf(rateChecks);
  }

  /** A window that runs its planned rounds only, with no second look. */
  public PhaseWindow(String phase, boolean judged, int rounds, int openingProbe, int baselineProbe, int closingProbe,
      List<Integer> roundProbes, List<String> roundScenarios, List<GrowthCheck> growthChecks,
      List<RateCheck> rateChecks) {
    this(phase, judged, rounds, rounds, openingProbe, baselineProbe, closingProbe, roundProbes, roundScenarios,
        OptionalInt.empty(), growthChecks, rateChecks, "");
  }

  /** Whether rounds after the planned ones may run while a check is undecided. */
  public boolean hasExtraRounds() {
    return maxRounds > rounds;
  }

  /** The round (1 first) a probe of this window closes; empty when it closes none of its rounds. */
  public OptionalInt roundClosedBy(int probe) {
    int at = roundProbes.indexOf(probe);
    return at < 0 ? OptionalInt.empty() : OptionalInt.of(at + 1);
  }

  /** The probe after a round, 1 first. */
  public int probeAfter(int round) {
    return roundProbes.get(round - 1);
  }

  /** The last probe laid out for the window: after its last extra round, or its closing probe without any. */
  public int lastRoundProbe() {
    return roundProbes.get(roundProbes.size() - 1);
  }

  /** The names of the records this window writes to Gatling's results, one per check. */
  public List<String> recordNames() {
    List<String> names = new ArrayList<>();
    growthChecks.forEach(check -> names.add(check.kind().recordName(phase)));
    rateChecks.forEach(check -> names.add(check.kind().recordName(phase)));
    return names;
  }
}
