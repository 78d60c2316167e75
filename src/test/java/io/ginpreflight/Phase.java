package io.ginpreflight;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.ginpreflight.verdict.Limits;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * One injection phase, probed before and after: a name, the journey each virtual user follows, and how
 * users arrive. Immutable: every method returns a new phase.
 *
 * <pre>{@code
 * Phase.named("steady").journey(browse).inject(constantUsersPerSec(50).during(20))
 * }</pre>
 */
public final class Phase {

  private final String name;
  private final ChainBuilder journey;
  private final List<OpenInjectionStep> injection;
  private final boolean judged;
  private final Optional<UnaryOperator<Limits>> limits;

  private Phase(String name, ChainBuilder journey, List<OpenInjectionStep> injection, boolean judged,
      Optional<UnaryOperator<Limits>> limits) {
    this.name = name;
    this.journey = journey;
    this.injection = injection;
    this.judged = judged;
    this.limits = limits;
  }

  /** A phase whose growth is judged against the limits. */
  public static Phase named(String name) {
    return new Phase(requireName(name), null, List.of(), true, Optional.empty());
  }

  /** A phase that fills caches, pools and connection pools; its growth is measured but not judged. */
  public static Phase warmUp(String name) {
    return new Phase(requireName(name), null, List.of(), false, Optional.empty());
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank() || name.contains("\"") || name.contains("[") || name.contains("]")) {
      throw new IllegalArgumentException("A phase needs a name without quotes or brackets, got: " + name);
    }
    return name;
  }

  public Phase journey(ChainBuilder journey) {
    if (journey == null) {
      throw new IllegalArgumentException("Phase \"" + name + "\" was given no journey.");
    }
    return new Phase(name, journey, injection, judged, limits);
  }

  public Phase inject(OpenInjectionStep... steps) {
    if (steps.length == 0) {
      throw new IllegalArgumentException("Phase \"" + name + "\" needs at least one injection step.");
    }
    return new Phase(name, journey, List.of(steps), judged, limits);
  }

  /** Tightens or loosens the limits for this phase only, e.g. {@code l -> l.withHeapGrowth(8 << 20)}. */
  public Phase limits(UnaryOperator<Limits> adjust) {
    return new Phase(name, journey, injection, judged, Optional.of(adjust));
  }

  public String name() {
    return name;
  }

  public boolean isJudged() {
    return judged;
  }

  Limits limitsFrom(Limits simulationLimits) {
    return limits.map(adjust -> adjust.apply(simulationLimits)).orElse(simulationLimits);
  }

  PopulationBuilder population() {
    if (journey == null || injection.isEmpty()) {
      throw new IllegalStateException("Phase \"" + name + "\" is incomplete: give it a journey(...) and "
          + "inject(...) before passing it to Preflight.");
    }
    return scenario(name).exec(journey).injectOpen(injection);
  }
}
