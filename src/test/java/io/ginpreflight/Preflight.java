package io.ginpreflight;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.ginpreflight.gatling.ProbeActionBuilder;
import io.ginpreflight.verdict.CheckKind;
import io.ginpreflight.verdict.Limits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A simulation's phases in order, each probed before and after, and the assertions that make a memory
 * verdict fail the run. Immutable.
 *
 * <pre>{@code
 * Preflight preflight = Preflight.phases(warmUp, steady);
 * setUp(preflight.populations(run)).protocols(http).assertions(preflight.assertions());
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
    if (phases.length == 0) {
      throw new IllegalArgumentException("Preflight needs at least one phase.");
    }
    List<String> names = Arrays.stream(phases).map(Phase::name).toList();
    if (new HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("Phase names must be unique, got " + names + ".");
    }
    if (Arrays.stream(phases).noneMatch(Phase::isJudged)) {
      throw new IllegalArgumentException("Every phase is a warm-up, so nothing would be judged: "
          + "declare at least one with Phase.named(...).");
    }
    return new Preflight(List.of(phases), UnaryOperator.identity());
  }

  /** Adjusts the configured limits for every phase of this simulation. */
  public Preflight limits(UnaryOperator<Limits> adjust) {
    UnaryOperator<Limits> previous = limits;
    return new Preflight(phases, l -> adjust.apply(previous.apply(l)));
  }

  /**
   * The whole run as one chain: probe, phase, probe, phase, ..., probe. Each probe waits for the previous
   * population's users to finish ({@code andThen}), so "after" really is after.
   */
  public PopulationBuilder populations(PreflightRun run) {
    int boundaries = phases.size() + 1;
    PopulationBuilder chain = probe(run, boundaries - 1);
    for (int i = phases.size() - 1; i >= 0; i--) {
      chain = probe(run, i).andThen(phases.get(i).population().andThen(chain));
    }
    return chain;
  }

  private PopulationBuilder probe(PreflightRun run, int boundary) {
    String label = boundaryLabel(boundary);
    Phase ended = boundary > 0 ? phases.get(boundary - 1) : null;
    Limits phaseLimits = ended == null ? null : ended.limitsFrom(limits.apply(run.limits()));
    String scenarioName = "memory probe " + (boundary + 1) + ": " + label;
    return scenario(scenarioName)
        .exec(new ProbeActionBuilder(scenarioName, () -> run.probe(boundary, label, ended, phaseLimits)))
        .injectOpen(atOnceUsers(1));
  }

  private String boundaryLabel(int boundary) {
    if (boundary == 0) {
      return "before \"" + phases.get(0).name() + "\"";
    }
    String label = "after \"" + phases.get(boundary - 1).name() + "\"";
    return boundary < phases.size() ? label + ", before \"" + phases.get(boundary).name() + "\"" : label;
  }

  /**
   * One assertion per memory check: recorded exactly once and not failed. A check that was never
   * recorded (the run died first) therefore fails too: "could not measure" is never a pass.
   */
  public List<Assertion> assertions() {
    List<Assertion> assertions = new ArrayList<>();
    for (Phase phase : phases) {
      if (!phase.isJudged()) {
        continue;
      }
      for (CheckKind kind : CheckKind.values()) {
        String record = kind.recordName(phase.name());
        assertions.add(details(record).allRequests().count().is(1L));
        assertions.add(details(record).failedRequests().count().is(0L));
      }
    }
    return assertions;
  }
}
