package io.ginpreflight.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.stressPeakUsers;

import io.gatling.core.controller.inject.open.AtOnceOpenInjection;
import io.gatling.core.controller.inject.open.ConstantRateOpenInjection;
import io.gatling.core.controller.inject.open.HeavisideOpenInjection;
import io.gatling.core.controller.inject.open.NothingForOpenInjection;
import io.gatling.core.controller.inject.open.RampOpenInjection;
import io.gatling.core.controller.inject.open.RampRateOpenInjection;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.ginpreflight.plan.Generators;
import java.time.Duration;
import java.util.List;

/**
 * Open injection steps as one generator of several runs them: user counts (a constant rate's too)
 * divided by Gatling's own {@code Shard} (through {@link Generators}), a ramp of rates divided by the
 * number of generators, durations and pauses unchanged, as Gatling Enterprise distributes injection rates amongst its generators. Only for
 * local runs with {@code preflight.generators.*}: on Enterprise, Enterprise divides the profiles itself.
 */
public final class ShardedInjection {

  private ShardedInjection() {}

  /** How long the steps inject users, one after the other (Gatling runs a population's steps in order). */
  public static Duration injectionTime(List<OpenInjectionStep> steps) {
    return steps.stream().map(step -> Duration.ofMillis(step.asScala().duration().toMillis()))
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** How many users the steps inject. */
  public static long users(List<OpenInjectionStep> steps) {
    return steps.stream().mapToLong(step -> step.asScala().users()).sum();
  }

  /** This generator's share of the steps. */
  public static List<OpenInjectionStep> shareOf(List<OpenInjectionStep> steps, Generators generators) {
    return steps.stream().map(step -> shareOf(step, generators)).toList();
  }

  private static OpenInjectionStep shareOf(OpenInjectionStep step, Generators generators) {
    Object scala = step.asScala();
    if (scala instanceof ConstantRateOpenInjection constant) {
      // Gatling injects a constant rate as a ramp of its users over the duration (ConstantRateOpenInjection
      // .chain): dividing those users with Shard keeps the arrival pattern and adds up to the whole exactly,
      // where a divided rate would round on every generator (100/s for 4 s over 3: 3 x 133 = 399).
      return constant.rate() == 0 ? step
          : rampUsers(Math.toIntExact(generators.usersOf(constant.users()))).during(duration(constant.duration()));
    } else if (scala instanceof RampRateOpenInjection ramp) {
      return rampUsersPerSec(generators.rateOf(ramp.startRate())).to(generators.rateOf(ramp.endRate()))
          .during(duration(ramp.duration()));
    } else if (scala instanceof RampOpenInjection ramp) {
      return rampUsers(Math.toIntExact(generators.usersOf(ramp.users()))).during(duration(ramp.duration()));
    } else if (scala instanceof AtOnceOpenInjection atOnce) {
      return atOnceUsers(Math.toIntExact(generators.usersOf(atOnce.users())));
    } else if (scala instanceof HeavisideOpenInjection peak) {
      return stressPeakUsers(Math.toIntExact(generators.usersOf(peak.users()))).during(duration(peak.duration()));
    } else if (scala instanceof NothingForOpenInjection) {
      return step;
    }
    throw new IllegalArgumentException("The injection step " + scala + " cannot be divided between local "
        + "generators here (only atOnceUsers, rampUsers, constantUsersPerSec, rampUsersPerSec, stressPeakUsers and "
        + "nothingFor can): unset preflight.generators.count and preflight.generators.index, or use one of those.");
  }

  private static Duration duration(scala.concurrent.duration.FiniteDuration duration) {
    return Duration.ofMillis(duration.toMillis());
  }

  /** A pause before the first step, e.g. to place a population on the run's schedule. */
  public static List<OpenInjectionStep> after(Duration lead, List<OpenInjectionStep> steps) {
    if (lead.isZero() || lead.isNegative()) {
      return steps;
    }
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(nothingFor(lead)), steps.stream()).toList();
  }
}
