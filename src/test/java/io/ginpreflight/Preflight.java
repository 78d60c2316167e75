package io.ginpreflight;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.ginpreflight.gatling.RecordingStep;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.PlannedPhase;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.RunPlan;
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

  /** What the plan needs of each phase, with the limits it is judged against. */
  List<PlannedPhase> plannedPhases(Limits configured) {
    Limits adjusted = limits(configured);
    return phases.stream().map(p -> p.planned(adjusted)).toList();
  }

  /**
   * The whole run as one chain: probe, step, probe, step, ..., probe, as the plan lays them out. Each
   * probe waits for the previous population's users to finish ({@code andThen}), so "after" really is
   * after. On a distributed run ({@code preflight.distributed}) the populations are placed on a fixed
   * schedule instead ({@link ScheduledPopulations}).
   *
   * @param plan the run's plan, from {@link PreflightRun#plan(Preflight)}
   */
  public List<PopulationBuilder> populations(PreflightRun run, RunPlan plan) {
    Optional<ScheduledPopulations.Schedule> schedule = run.schedule();
    if (schedule.isPresent()) {
      return ScheduledPopulations.of(schedule.get(), plan, run);
    }
    List<PopulationBuilder> loads = new ArrayList<>();
    for (int i = 0; i < phases.size(); i++) {
      // Each round is the scenario the plan counts its requests by.
      for (String round : plan.windows().get(i).roundScenarios()) {
        loads.add(phases.get(i).population(round, run.requestCounter()));
      }
    }
    List<ProbePoint> probes = plan.probes();
    PopulationBuilder chain = probe(run, probes.get(probes.size() - 1));
    for (int i = loads.size() - 1; i >= 0; i--) {
      chain = probe(run, probes.get(i)).andThen(loads.get(i).andThen(chain));
    }
    return List.of(chain);
  }

  private PopulationBuilder probe(PreflightRun run, ProbePoint point) {
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
