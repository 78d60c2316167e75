package io.ginpreflight;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.ginpreflight.gatling.ConditionalInjection;
import io.ginpreflight.gatling.JourneyParts;
import io.ginpreflight.gatling.RequestCounter;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.PlannedPhase;
import io.ginpreflight.plan.Sequencing;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One injection phase, probed before and after: a name, the journey each virtual user follows, how users
 * arrive, and optionally how many identical rounds to run so a leak rate can be fitted. Immutable:
 * every method returns a new phase.
 *
 * <pre>{@code
 * Phase.named("steady").journey(browse).inject(constantUsersPerSec(50).during(20)).rounds(5)
 * }</pre>
 */
public final class Phase {

  /** With rounds, one is warm-up; two more make a line whose last step can show a plateau. */
  static final int MIN_ROUNDS = 3;

  private final String name;
  private final ChainBuilder journey;
  private final List<OpenInjectionStep> injection;
  private final boolean judged;
  private final int rounds;
  private final Optional<UnaryOperator<Limits>> limits;
  /** Why the phase has no rates per request (a hold of many clients at once is one step); empty: it has. */
  private final String growthOnly;
  /** Its journey as requests an attribution can drive apart; empty: they cannot be. */
  private final Optional<JourneyParts> parts;

  private Phase(String name, ChainBuilder journey, List<OpenInjectionStep> injection, boolean judged, int rounds,
      Optional<UnaryOperator<Limits>> limits, String growthOnly, Optional<JourneyParts> parts) {
    this.name = name;
    this.journey = journey;
    this.injection = injection;
    this.judged = judged;
    this.rounds = rounds;
    this.limits = limits;
    this.growthOnly = growthOnly;
    this.parts = parts;
  }

  /** A phase whose growth is judged against the limits. */
  public static Phase named(String name) {
    return new Phase(requireName(name), null, List.of(), true, 1, Optional.empty(), "", Optional.empty());
  }

  /** A phase that fills caches, pools and connection pools; its growth is measured but not judged. */
  public static Phase warmUp(String name) {
    return new Phase(requireName(name), null, List.of(), false, 1, Optional.empty(), "", Optional.empty());
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank() || name.contains("\"") || name.contains("[") || name.contains("]")) {
      throw new IllegalArgumentException("A phase needs a name without quotes or brackets, got: " + name);
    }
    if (name.equals(CheckResult.WHOLE_RUN)) {
      throw new IllegalArgumentException("\"" + name + "\" names the checks of all phases together: give the "
          + "phase another name.");
    }
    return name;
  }

  public Phase journey(ChainBuilder journey) {
    if (journey == null) {
      throw new IllegalArgumentException("Phase \"" + name + "\" was given no journey.");
    }
    return new Phase(name, journey, injection, judged, rounds, limits, growthOnly, parts);
  }

  public Phase inject(OpenInjectionStep... steps) {
    if (steps.length == 0) {
      throw new IllegalArgumentException("Phase \"" + name + "\" needs at least one injection step.");
    }
    return new Phase(name, journey, List.of(steps), judged, rounds, limits, growthOnly, parts);
  }

  /**
   * Runs the phase as {@code count} identical rounds with a probe after each. The first round is warm-up;
   * a leak rate per request is fitted across the rest, and the phase's growth is judged from the end of
   * the first round.
   */
  public Phase rounds(int count) {
    if (count != 1 && count < MIN_ROUNDS) {
      throw new IllegalArgumentException("Phase \"" + name + "\" needs 1 round, or at least "
          + MIN_ROUNDS + " (one warm-up and two to fit a rate), got " + count + ".");
    }
    if (!judged && count > 1) {
      throw new IllegalArgumentException("Warm-up phase \"" + name + "\" is not judged, so rounds would fit "
          + "a rate nobody reads: use Phase.named(...) for a phase with rounds.");
    }
    return new Phase(name, journey, injection, judged, count, limits, growthOnly, parts);
  }

  /** Tightens or loosens the limits for this phase only, e.g. {@code l -> l.withHeapGrowth(8 << 20)}. */
  public Phase limits(UnaryOperator<Limits> adjust) {
    return new Phase(name, journey, injection, judged, rounds, Optional.of(adjust), growthOnly, parts);
  }

  /**
   * Judges the phase by its growth checks only, with no rate per request, saying why: a hold of many clients
   * at once is one step, which a rate would read as kilobytes per request.
   */
  public Phase growthOnly(String why) {
    if (why == null || why.isBlank()) {
      throw new IllegalArgumentException("Phase \"" + name + "\" needs a reason to be judged by its growth only.");
    }
    return new Phase(name, journey, injection, judged, rounds, limits, why, parts);
  }

  /**
   * The journey as the requests it sends, in order: when a rate of the phase is KO (or undecided at its bound),
   * rounds after it drive them apart to say which of them kept it ({@code preflight.attribution}). A journey of
   * one request needs none.
   */
  public Phase attributable(JourneyParts requests) {
    if (!judged) {
      throw new IllegalArgumentException("Warm-up phase \"" + name + "\" is not judged, so nothing would be "
          + "attributed: use Phase.named(...).");
    }
    return new Phase(name, journey, injection, judged, rounds, limits, growthOnly, Optional.of(requests));
  }

  public String name() {
    return name;
  }

  public boolean isJudged() {
    return judged;
  }

  public int rounds() {
    return rounds;
  }

  /**
   * The phase as the run's plan sees it, judged against the simulation's limits adjusted for it; a judged
   * phase with rounds may run extra ones while a check is undecided.
   */
  PlannedPhase planned(Limits simulationLimits, Sequencing sequencing) {
    return new PlannedPhase(name, judged, rounds, judged ? sequencing.maxRoundsOf(rounds) : rounds,
        limits.map(adjust -> adjust.apply(simulationLimits)).orElse(simulationLimits), growthOnly,
        parts.map(JourneyParts::requests).orElse(List.of()));
  }

  PopulationBuilder population(String scenario, RequestCounter counter) {
    return population(scenario, counter, UnaryOperator.identity());
  }

  /** How users arrive, as the phase declared it. */
  List<OpenInjectionStep> injection() {
    requireComplete();
    return injection;
  }

  /**
   * The phase's population with its injection steps changed first, e.g. placed on a distributed run's
   * schedule and divided between generators.
   */
  PopulationBuilder population(String scenario, RequestCounter counter,
      UnaryOperator<List<OpenInjectionStep>> placement) {
    requireComplete();
    return scenario(scenario)
        .exec(journey)
        .exec(exec(session -> {
          counter.journeyFinished(scenario);
          return session;
        }))
        .injectOpen(placement.apply(injection));
  }

  /**
   * An extra round: its users arrive as the phase's do if {@code round} says the round runs when it starts;
   * otherwise one user that does nothing, so what follows starts at once.
   */
  PopulationBuilder extraRound(String scenario, RequestCounter counter, ConditionalInjection round) {
    requireComplete();
    return scenario(scenario)
        .doIf(session -> round.ran()).then(exec(journey).exec(exec(session -> {
          counter.journeyFinished(scenario);
          return session;
        })))
        .injectOpen(round.step());
  }

  /**
   * An attribution round: its users arrive as the phase's do if {@code round} says the round runs when it
   * starts, each sending the requests {@code selection} chose for it; otherwise one user that does nothing.
   */
  PopulationBuilder attributionRound(String scenario, RequestCounter counter, ConditionalInjection round,
      JourneyParts.Selection selection) {
    requireComplete();
    JourneyParts requests = parts.orElseThrow(() -> new IllegalStateException("Phase \"" + name + "\" has no "
        + "requests to drive apart: give it attributable(...)."));
    return scenario(scenario)
        .doIf(session -> round.ran()).then(exec(requests.journey(selection)).exec(exec(session -> {
          counter.journeyFinished(scenario);
          return session;
        })))
        .injectOpen(round.step());
  }

  private void requireComplete() {
    if (journey == null || injection.isEmpty()) {
      throw new IllegalStateException("Phase \"" + name + "\" is incomplete: give it a journey(...) and "
          + "inject(...) before passing it to Preflight.");
    }
  }
}
