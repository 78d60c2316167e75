package io.ginpreflight.plan;

import io.ginpreflight.model.BaselineHistory;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The run's plan, built once before any load: every probe in order, every phase window with the checks
 * it is judged by, the checks of the whole run and each judged phase's baseline. This is the one place
 * that decides which checks run: a growth check runs when its limit is not off and its signal is offered
 * by the target; every judged phase has its rates (of the offered signals), and with two or more judged
 * phases the whole run has its own. A phase with extra rounds has a probe laid out after each of them; the
 * judge decides while the run goes on which of them run ({@link Sequencing}). A judged phase whose requests can be
 * driven apart has the rounds of its attribution laid out after it, each with its probe ({@link AttributionPlan}).
 * The Gatling populations and assertions, the judge and the reports all read it. Immutable.
 */
public record RunPlan(List<ProbePoint> probes, List<PhaseWindow> windows, List<RateCheck> wholeRunChecks,
    boolean inconclusiveFails, boolean undecidedFails, List<BaselineCheck> baselineChecks, Sequencing sequencing,
    List<AttributionPlan> attributions, AttributionSettings attribution) {

  public RunPlan {
    probes = List.copyOf(probes);
    windows = List.copyOf(windows);
    wholeRunChecks = List.copyOf(wholeRunChecks);
    baselineChecks = List.copyOf(baselineChecks);
    attributions = List.copyOf(attributions);
  }

  /**
   * Lays out the probes (one before the first step and one after every round) and the windows, without
   * a baseline, extra rounds or second looks.
   *
   * @param runLimits the simulation's limits, for the whole-run checks and what an inconclusive check does
   * @param unoffered signals the target does not offer at all, whose checks are not run
   */
  public static RunPlan of(List<PlannedPhase> phases, Limits runLimits, Set<Signal> unoffered) {
    return of(phases, runLimits, unoffered, BaselineSettings.OFF, BaselineHistory.empty("off"), Sequencing.NONE);
  }

  /**
   * As {@link #of(List, Limits, Set)}, each judged phase also compared with the earlier runs of the
   * history (none when the baseline is off): a phase with enough of them has a record to write, so a
   * drift fails the run like any check. A phase with extra rounds ({@link PlannedPhase#maxRounds}) has a
   * probe laid out after each, and with a grace period every judged phase has a probe for its second look.
   */
  public static RunPlan of(List<PlannedPhase> phases, Limits runLimits, Set<Signal> unoffered,
      BaselineSettings baseline, BaselineHistory history, Sequencing sequencing) {
    return of(phases, runLimits, unoffered, baseline, history, sequencing, AttributionSettings.OFF);
  }

  /**
   * As {@link #of(List, Limits, Set, BaselineSettings, BaselineHistory, Sequencing)}, and after each judged phase
   * with rates whose requests can be driven apart, the rounds of its attribution, each with its probe.
   */
  public static RunPlan of(List<PlannedPhase> phases, Limits runLimits, Set<Signal> unoffered,
      BaselineSettings baseline, BaselineHistory history, Sequencing sequencing, AttributionSettings attribution) {
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("A plan needs at least one phase.");
    }
    List<ProbePoint> probes = new ArrayList<>();
    probes.add(new ProbePoint(0, "before \"" + phases.get(0).name() + "\"", phases.get(0).roundName(1)));
    List<PhaseWindow> windows = new ArrayList<>();
    List<AttributionPlan> attributions = new ArrayList<>();
    int opening = 0;
    for (int p = 0; p < phases.size(); p++) {
      PlannedPhase phase = phases.get(p);
      String after = p + 1 < phases.size() ? phases.get(p + 1).roundName(1) : "end";
      List<Integer> roundProbes = new ArrayList<>();
      List<String> roundScenarios = new ArrayList<>();
      for (int round = 1; round <= phase.maxRounds(); round++) {
        int index = probes.size();
        String label = "after \"" + phase.roundName(round) + "\"";
        boolean closing = round == phase.rounds() && !phase.hasExtraRounds();
        if (closing && p + 1 < phases.size()) {
          label += ", before \"" + phases.get(p + 1).name() + "\"";
        }
        String next = round < phase.maxRounds() ? phase.roundName(round + 1) : after;
        probes.add(new ProbePoint(index, label, next,
            round <= phase.rounds() ? ProbePoint.Taken.ALWAYS : ProbePoint.Taken.IF_ITS_ROUND_RAN));
        roundProbes.add(index);
        roundScenarios.add(phase.roundName(round));
      }
      OptionalInt confirmation = OptionalInt.empty();
      if (phase.judged() && sequencing.grace().isPresent()) {
        confirmation = OptionalInt.of(probes.size());
        probes.add(new ProbePoint(probes.size(), "second look at \"" + phase.name() + "\"", after,
            ProbePoint.Taken.TO_CONFIRM));
      }
      // With rounds, the first is warm-up: the phase's growth is judged from the probe after it.
      int baselineProbe = phase.rounds() > 1 ? roundProbes.get(0) : opening;
      int closing = roundProbes.get(phase.rounds() - 1);
      List<RateCheck> rates = rateChecks(phase, unoffered);
      windows.add(new PhaseWindow(phase.name(), phase.judged(), phase.rounds(), phase.maxRounds(), opening,
          baselineProbe, closing, roundProbes, roundScenarios, confirmation, growthChecks(phase, unoffered),
          rates, phase.judged() ? phase.growthOnly() : ""));
      int attributionRounds = rates.isEmpty() ? 0 : attribution.roundsFor(phase.parts().size());
      if (attributionRounds > 0) {
        List<AttributionSlot> slots = new ArrayList<>();
        for (int round = 1; round <= attributionRounds; round++) {
          String scenario = AttributionPlan.scenario(phase.name(), round);
          String next = round < attributionRounds ? AttributionPlan.scenario(phase.name(), round + 1) : after;
          slots.add(new AttributionSlot(round, scenario, probes.size()));
          probes.add(new ProbePoint(probes.size(), "after \"" + scenario + "\"", next, ProbePoint.Taken.IF_ATTRIBUTING));
        }
        attributions.add(new AttributionPlan(phase.name(), phase.parts(), slots));
      }
      opening = closing;
    }
    // One judged phase alone is already judged by its own rates: the whole run adds nothing then.
    List<RateCheck> wholeRun = windows.stream().filter(PhaseWindow::judged).count() < 2 ? List.of()
        : WHOLE_RUN_KINDS.stream().filter(kind -> !unoffered.contains(kind.signal()))
            .map(kind -> new RateCheck(kind, runLimits.rates().wholeRunLimit(kind),
                runLimits.rates().noiseFloor(kind), runLimits.rates().minRequests())).toList();
    return new RunPlan(probes, windows, wholeRun, runLimits.inconclusiveFails(), runLimits.undecidedFails(),
        baseline.checks(history, windows, unoffered), sequencing, attributions, attribution);
  }

  /** Per virtual user is a phase's own figure: phases differ in requests per user. */
  private static final List<CheckKind> WHOLE_RUN_KINDS =
      List.of(CheckKind.RETAINED_BYTES_PER_REQUEST, CheckKind.GOROUTINES_PER_1000_REQUESTS);

  private static List<GrowthCheck> growthChecks(PlannedPhase phase, Set<Signal> unoffered) {
    if (!phase.judged()) {
      return List.of();
    }
    return CheckKind.judgedBy(CheckKind.Rule.GROWTH).stream()
        .filter(kind -> phase.limits().limitFor(kind).isPresent() && !unoffered.contains(kind.signal()))
        .map(kind -> new GrowthCheck(kind, phase.limits().limitFor(kind).getAsLong()))
        .toList();
  }

  /**
   * Every judged phase is judged per request, unless it says why not (a hold of many clients at once): with
   * rounds across the probe after each, with one round between its two probes, the measured noise giving the
   * interval either way.
   */
  private static List<RateCheck> rateChecks(PlannedPhase phase, Set<Signal> unoffered) {
    if (!phase.judged() || !phase.growthOnly().isEmpty()) {
      return List.of();
    }
    RateLimits rates = phase.limits().rates();
    return CheckKind.judgedBy(CheckKind.Rule.RATE).stream()
        .filter(kind -> !unoffered.contains(kind.signal()))
        .map(kind -> new RateCheck(kind, rates.phaseLimit(kind), rates.noiseFloor(kind), rates.minRequests()))
        .toList();
  }

  /** The baseline check of a phase, when the plan has one. */
  public Optional<BaselineCheck> baselineOf(String phase) {
    return baselineChecks.stream().filter(b -> b.phase().equals(phase)).findFirst();
  }

  /** The attribution laid out after a phase, if it has one. */
  public Optional<AttributionPlan> attributionOf(String phase) {
    return attributions.stream().filter(a -> a.phase().equals(phase)).findFirst();
  }

  /** The attribution one of whose rounds a probe closes, if any. */
  public Optional<AttributionPlan> attributionClosedBy(int probe) {
    return attributions.stream().filter(a -> a.slotClosedBy(probe).isPresent()).findFirst();
  }

  /**
   * Whether a phase is decided apart from its last planned round's probe: with extra rounds or an attribution
   * after it, a step of its own waits until it is decided, records its checks and lets the run go on.
   */
  public boolean decidedApart(PhaseWindow window) {
    return window.hasExtraRounds() || attributionOf(window.phase()).isPresent();
  }

  /** The window one of whose rounds a probe closes, if any. */
  public Optional<PhaseWindow> windowOf(int probe) {
    return windows.stream().filter(w -> w.roundClosedBy(probe).isPresent()).findFirst();
  }

  /** The window after this one, if any: its load starts once this one is decided. */
  public Optional<PhaseWindow> after(PhaseWindow window) {
    int at = windows.indexOf(window);
    return at + 1 < windows.size() ? Optional.of(windows.get(at + 1)) : Optional.empty();
  }

  /** The last window of the run: once it is decided, the whole run is judged. */
  public PhaseWindow lastWindow() {
    return windows.get(windows.size() - 1);
  }

  /** The probe of an index. */
  public ProbePoint probe(int index) {
    return probes.get(index);
  }

  /** The judged windows, in run order. */
  public List<PhaseWindow> judgedWindows() {
    return windows.stream().filter(PhaseWindow::judged).toList();
  }

  /** Every record name the run must write once, unfailed: what the Gatling assertions require. */
  public List<String> recordNames() {
    List<String> names = new ArrayList<>();
    windows.forEach(w -> names.addAll(w.recordNames()));
    wholeRunChecks.forEach(check -> names.add(check.kind().recordName(CheckResult.WHOLE_RUN)));
    baselineChecks.stream().filter(BaselineCheck::judged).forEach(check -> names.add(check.recordName()));
    return names;
  }

  /**
   * Whether a check of this status fails the run: a KO always, a check that could not be measured unless
   * the user chose to be warned only ({@code preflight.inconclusive = warn}), and one the data could not
   * decide when the user chose so ({@code preflight.undecided = fail}).
   */
  public boolean fails(Status status) {
    return status == Status.KO || (status == Status.INCONCLUSIVE && inconclusiveFails)
        || (status == Status.UNDECIDED && undecidedFails);
  }

  /**
   * Whether a probe's profiles are worth saving: only the probes a window is judged between (and the
   * one before it, for the pprof command) are ever diffed, so the probes after middle rounds skip them.
   */
  public boolean keepsProfiles(int probe) {
    return windows.stream().anyMatch(w -> w.openingProbe() == probe || w.baselineProbe() == probe
        || w.closingProbe() == probe || (probe > w.closingProbe() && probe <= w.lastRoundProbe())
        || w.confirmationProbe().equals(OptionalInt.of(probe)));
  }
}
