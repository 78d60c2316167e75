package io.ginpreflight;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.ginpreflight.gatling.ConditionalInjection;
import io.ginpreflight.gatling.RecordingStep;
import io.ginpreflight.plan.AttributionPlan;
import io.ginpreflight.plan.AttributionSlot;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.PlannedPhase;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.plan.Sequencing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A simulation's phases in order, each probed before and after (and after each round), and the
 * assertions that make a memory check fail the run. Immutable. The run lays out its plan from them once;
 * the populations and the assertions are both built from that plan.
 *
 * <pre>{@code
 * Preflight preflight = Preflight.phases(warmUp, steady);
 * RunPlan plan = run.plan(preflight);
 * setUp(preflight.populations(run, plan)).protocols(run.http()).assertions(preflight.assertions(run, plan));
 * }</pre>
 */
public final class Preflight {

  private final List<Phase> phases;
  private final UnaryOperator<Limits> limits;

  private Preflight(List<Phase> phases, UnaryOperator<Limits> limits) {
    this.phases = phases;
    this.limits = limits;
  }

  public static Preflight phases(Phase... phases) {
    return phases(List.of(phases));
  }

  public static Preflight phases(List<Phase> phases) {
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("Preflight needs at least one phase.");
    }
    List<String> names = phases.stream().map(Phase::name).toList();
    if (new HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("Phase names must be unique, got " + names + ".");
    }
    if (phases.stream().noneMatch(Phase::isJudged)) {
      throw new IllegalArgumentException("Every phase is a warm-up, so nothing would be judged: "
          + "declare at least one with Phase.named(...).");
    }
    return new Preflight(List.copyOf(phases), UnaryOperator.identity());
  }

  /** Adjusts the configured limits for every phase of this simulation. */
  public Preflight limits(UnaryOperator<Limits> adjust) {
    UnaryOperator<Limits> previous = limits;
    return new Preflight(phases, l -> adjust.apply(previous.apply(l)));
  }

  public List<Phase> phaseList() {
    return phases;
  }

  /** The configured limits as this simulation adjusts them: its whole-run checks are judged by these. */
  Limits limits(Limits configured) {
    return limits.apply(configured);
  }

  /** What the plan needs of each phase, with the limits it is judged against and the rounds it may run. */
  List<PlannedPhase> plannedPhases(Limits configured, Sequencing sequencing) {
    Limits adjusted = limits(configured);
    return phases.stream().map(p -> p.planned(adjusted, sequencing)).toList();
  }

  /**
   * The whole run as one chain, as the plan lays it out: probe, round, probe, round, ..., probe. Each probe
   * waits for the previous population's users to finish ({@code andThen}), so "after" really is after. A
   * phase with extra rounds branches after its last planned round: its extra rounds (each with its probe,
   * each running only if a check was still undecided when it starts), then its attribution rounds (each
   * running only if a rate failed and the round drives some of its requests apart), beside a step that waits
   * until the phase is decided, records its checks, and lets the rest of the run go on; after the last phase,
   * that step ends the run rather than wait for the rounds it skipped. On a distributed run
   * ({@code preflight.distributed}) the populations are placed on a fixed schedule instead
   * ({@link ScheduledPopulations}).
   *
   * @param plan the run's plan, from {@link PreflightRun#plan(Preflight)}
   */
  public List<PopulationBuilder> populations(PreflightRun run, RunPlan plan) {
    Optional<ScheduledPopulations.Schedule> schedule = run.schedule();
    if (schedule.isPresent()) {
      return ScheduledPopulations.of(schedule.get(), plan, run);
    }
    PopulationBuilder rest = null;
    for (int i = phases.size() - 1; i >= 0; i--) {
      rest = phase(run, plan, phases.get(i), plan.windows().get(i), rest, i == phases.size() - 1);
    }
    return List.of(probe(run, plan.probe(0)).andThen(rest));
  }

  /**
   * A phase's planned rounds, each followed by its probe, then {@code rest} (null at the end of the run); with
   * extra rounds, the probe after the last planned round branches into them and the phase's decision.
   */
  private static PopulationBuilder phase(PreflightRun run, RunPlan plan, Phase phase, PhaseWindow window,
      PopulationBuilder rest, boolean lastPhase) {
    List<PopulationBuilder> afterPlanned = new ArrayList<>();
    if (plan.decidedApart(window)) {
      afterPlanned.add(extraRounds(run, plan, phase, window, attributionRounds(run, plan, phase, window)));
      PopulationBuilder decided = decision(run, window, lastPhase);
      afterPlanned.add(rest == null ? decided : decided.andThen(rest));
    } else if (rest != null) {
      afterPlanned.add(rest);
    }
    PopulationBuilder chain = null;
    for (int round = window.rounds(); round >= 1; round--) {
      PopulationBuilder probe = probe(run, plan.probe(window.probeAfter(round)));
      if (round < window.rounds()) {
        probe = probe.andThen(chain);
      } else if (!afterPlanned.isEmpty()) {
        probe = probe.andThen(afterPlanned);
      }
      chain = phase.population(window.roundScenarios().get(round - 1), run.requestCounter()).andThen(probe);
    }
    return chain;
  }

  /**
   * The extra rounds, each with its probe, each running only if its phase asked for it by the time it starts;
   * then {@code after} (the attribution rounds, or null).
   */
  private static PopulationBuilder extraRounds(PreflightRun run, RunPlan plan, Phase phase, PhaseWindow window,
      PopulationBuilder after) {
    PopulationBuilder extras = after;
    for (int round = window.maxRounds(); round > window.rounds(); round--) {
      int asked = round;
      ConditionalInjection injection = ConditionalInjection.of(() -> run.runsRound(window, asked),
          phase.injection());
      PopulationBuilder extra = phase.extraRound(window.roundScenarios().get(round - 1), run.requestCounter(),
          injection);
      PopulationBuilder probe = probe(run, plan.probe(window.probeAfter(round)));
      extras = extra.andThen(extras == null ? probe : probe.andThen(extras));
    }
    return extras;
  }

  /**
   * The attribution rounds laid out after a phase, each with its probe, each running only if the phase asked for
   * it by the time it starts, with the requests chosen for it; null when the plan has none.
   */
  private static PopulationBuilder attributionRounds(PreflightRun run, RunPlan plan, Phase phase,
      PhaseWindow window) {
    PopulationBuilder rounds = null;
    AttributionPlan attribution = plan.attributionOf(window.phase()).orElse(null);
    if (attribution == null) {
      return null;
    }
    for (int i = attribution.slots().size() - 1; i >= 0; i--) {
      AttributionSlot slot = attribution.slots().get(i);
      ConditionalInjection injection = ConditionalInjection.of(() -> run.runsAttribution(window, slot.round()),
          phase.injection());
      PopulationBuilder round = phase.attributionRound(slot.scenario(), run.requestCounter(), injection,
          run.attributionSelection(window, slot.round()));
      PopulationBuilder probe = probe(run, plan.probe(slot.probe()));
      rounds = round.andThen(rounds == null ? probe : probe.andThen(rounds));
    }
    return rounds;
  }

  /**
   * One user that waits until the phase is decided, then records its checks; the rest of the run follows it.
   * After the last phase it ends the run: the extra rounds left are ones nothing asked for.
   */
  private static PopulationBuilder decision(PreflightRun run, PhaseWindow window, boolean lastPhase) {
    String name = "memory checks of \"" + window.phase() + "\"";
    ScenarioBuilder decision = scenario(name).exec(RecordingStep.checks(name, session -> run.decision(window)));
    if (lastPhase) {
      decision = decision.stopLoadGenerator("every phase is judged");
    }
    return decision.injectOpen(atOnceUsers(1));
  }

  private static PopulationBuilder probe(PreflightRun run, ProbePoint point) {
    String scenarioName = "memory probe " + (point.index() + 1) + ": " + point.label();
    return scenario(scenarioName)
        .exec(RecordingStep.checks(scenarioName, session -> run.probe(point)))
        .injectOpen(atOnceUsers(1));
  }

  /**
   * One assertion per memory check of the plan: recorded exactly once and not failed. A check that was
   * never recorded (the run died first) therefore fails too: "could not measure" is never a pass. And no
   * request name may fail more often than preflight.limits.failed-requests-percent.
   *
   * @param plan the run's plan, from {@link PreflightRun#plan(Preflight)}
   */
  public List<Assertion> assertions(PreflightRun run, RunPlan plan) {
    List<Assertion> assertions = new ArrayList<>();
    // A request name that mostly failed never loaded its endpoint: its memory verdict would be a false pass.
    assertions.add(forAll().failedRequests().percent().lte(run.failedRequestsPercentLimit()));
    if (!run.mayProbe()) {
      // A local generator without the probe user records no verdict: the probing one is judged on them.
      return assertions;
    }
    for (String record : plan.recordNames()) {
      assertions.add(details(record).allRequests().count().is(1L));
      assertions.add(details(record).failedRequests().count().is(0L));
    }
    return assertions;
  }
}
