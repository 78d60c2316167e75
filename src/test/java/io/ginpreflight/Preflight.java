package io.ginpreflight;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.ginpreflight.gatling.RecordingStep;
import io.ginpreflight.verdict.CheckKind;
import io.ginpreflight.verdict.Limits;
import io.ginpreflight.verdict.TrendKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A simulation's phases in order, each probed before and after (and after each round), and the
 * assertions that make a memory verdict fail the run. Immutable.
 *
 * <pre>{@code
 * Preflight preflight = Preflight.phases(warmUp, steady);
 * setUp(preflight.populations(run)).protocols(run.http()).assertions(preflight.assertions(run));
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

  /** The probes of the run in order: one before the first step and one after every step. */
  List<Boundary> boundaries() {
    record Step(Phase phase, int round) {}
    List<Step> steps = new ArrayList<>();
    phases.forEach(p -> {
      for (int round = 1; round <= p.rounds(); round++) {
        steps.add(new Step(p, round));
      }
    });
    List<Boundary> boundaries = new ArrayList<>();
    boundaries.add(new Boundary(0, "before \"" + phases.get(0).name() + "\"", Optional.empty(), -1, List.of(),
        List.of(), steps.get(0).phase().roundName(1)));
    int phaseStart = 0;
    for (int s = 0; s < steps.size(); s++) {
      Step step = steps.get(s);
      Phase phase = step.phase();
      if (step.round() == 1) {
        phaseStart = s;  // the probe before this phase is boundary s
      }
      String label = "after \"" + phase.roundName(step.round()) + "\"";
      String next = s + 1 < steps.size() ? steps.get(s + 1).phase().roundName(steps.get(s + 1).round()) : "end";
      if (s + 1 < steps.size() && steps.get(s + 1).round() == 1) {
        label += ", before \"" + steps.get(s + 1).phase().name() + "\"";
      }
      boolean closesPhase = step.round() == phase.rounds();
      List<Integer> roundIndexes = new ArrayList<>();
      List<String> roundScenarios = new ArrayList<>();
      for (int round = 1; round <= phase.rounds(); round++) {
        roundIndexes.add(phaseStart + round);
        roundScenarios.add(phase.roundName(round));
      }
      // With rounds, the first is warm-up: the phase's growth is judged from the probe after it.
      int baseline = phase.rounds() > 1 ? phaseStart + 1 : phaseStart;
      boundaries.add(new Boundary(s + 1, label, closesPhase ? Optional.of(phase) : Optional.empty(), baseline,
          roundIndexes, roundScenarios, next));
    }
    return boundaries;
  }

  /**
   * The whole run as one chain: probe, step, probe, step, ..., probe. Each probe waits for the previous
   * population's users to finish ({@code andThen}), so "after" really is after.
   */
  public PopulationBuilder populations(PreflightRun run) {
    List<Boundary> boundaries = boundaries();
    run.plan(boundaries);
    List<PopulationBuilder> loads = new ArrayList<>();
    phases.forEach(p -> {
      for (int round = 1; round <= p.rounds(); round++) {
        loads.add(p.population(round, run.requestCounter()));
      }
    });
    PopulationBuilder chain = probe(run, boundaries.get(boundaries.size() - 1));
    for (int i = loads.size() - 1; i >= 0; i--) {
      chain = probe(run, boundaries.get(i)).andThen(loads.get(i).andThen(chain));
    }
    return chain;
  }

  private PopulationBuilder probe(PreflightRun run, Boundary boundary) {
    String scenarioName = "memory probe " + (boundary.index() + 1) + ": " + boundary.label();
    Limits phaseLimits = boundary.closes().map(p -> p.limitsFrom(limits.apply(run.limits()))).orElse(null);
    return scenario(scenarioName)
        .exec(RecordingStep.verdicts(scenarioName, session -> run.probe(boundary, phaseLimits)))
        .injectOpen(atOnceUsers(1));
  }

  /**
   * One assertion per memory check: recorded exactly once and not failed. A check that was never
   * recorded (the run died first) therefore fails too: "could not measure" is never a pass. And no request
   * name may fail more often than preflight.limits.failed-requests-percent.
   */
  public List<Assertion> assertions(PreflightRun run) {
    List<Assertion> assertions = new ArrayList<>();
    // A request name that mostly failed never loaded its endpoint: its memory verdict would be a false pass.
    assertions.add(forAll().failedRequests().percent().lte(run.failedRequestsPercentLimit()));
    for (Phase phase : phases) {
      if (!phase.isJudged()) {
        continue;
      }
      Limits phaseLimits = phase.limitsFrom(limits.apply(run.limits()));
      List<String> records = new ArrayList<>();
      Arrays.stream(CheckKind.values())
          .filter(kind -> phaseLimits.limitFor(kind).isPresent())
          .forEach(kind -> records.add(kind.recordName(phase.name())));
      if (phase.rounds() > 1) {
        Arrays.stream(TrendKind.values()).forEach(kind -> records.add(kind.recordName(phase.name())));
      }
      for (String record : records) {
        assertions.add(details(record).allRequests().count().is(1L));
        assertions.add(details(record).failedRequests().count().is(0L));
      }
    }
    return assertions;
  }
}
