package io.ginpreflight.gatling;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import scala.collection.AbstractIterator;
import scala.collection.Iterator;
import scala.concurrent.duration.Duration;
import scala.concurrent.duration.FiniteDuration;

/**
 * An open injection that is decided when its population starts, not when the simulation is built: an extra
 * round of a phase runs only if a check of the phase was still undecided at the probe before it.
 *
 * <p>Gatling fixes every injection profile when the simulation is built, and a population that injects no
 * user still lasts its whole duration. But an open injection is a lazy iterator of start times that Gatling
 * reads a second ahead while the population runs, so the decision can wait for the first read. When the
 * round is not wanted, the iterator yields one user at once instead of the round's users: that user does
 * nothing ({@link #ran} tells its scenario so) and ends, and Gatling starts what follows on its next tick.
 * (Yielding no user at all would leave a population that declared users waiting forever for one to end.)
 * So a skipped round costs about a second, not its duration.
 *
 * <p>Gatling's Java DSL has no public way to make such a step: this implements its Scala step interface and
 * wraps it with the DSL's private constructor. {@code ConditionalInjectionTest} pins both against the Gatling
 * version in the pom.
 */
public final class ConditionalInjection {

  private final BooleanSupplier wanted;
  private final List<OpenInjectionStep> steps;
  /** Set once, at the first read of the start times: whether the steps' users were injected. */
  private final AtomicReference<Boolean> decided = new AtomicReference<>();

  private ConditionalInjection(BooleanSupplier wanted, List<OpenInjectionStep> steps) {
    this.wanted = wanted;
    this.steps = List.copyOf(steps);
  }

  /** The steps' users if {@code wanted} says so when the population starts, else one user that does nothing. */
  public static ConditionalInjection of(BooleanSupplier wanted, List<OpenInjectionStep> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("A conditional injection needs at least one step.");
    }
    return new ConditionalInjection(wanted, steps);
  }

  /** Whether the population's users were injected; false before it started and when it was skipped. */
  public boolean ran() {
    return Boolean.TRUE.equals(decided.get());
  }

  /** The one step to give {@code injectOpen}. */
  public OpenInjectionStep step() {
    return wrap(new Step());
  }

  private boolean decide() {
    decided.compareAndSet(null, wanted.getAsBoolean());
    return decided.get();
  }

  /** Gatling's Scala step: its users and duration as declared (the console shows them before the start). */
  private final class Step implements io.gatling.core.controller.inject.open.OpenInjectionStep {

    @Override
    public Iterator<FiniteDuration> chain(Iterator<FiniteDuration> next) {
      return new AbstractIterator<>() {
        private Iterator<FiniteDuration> chosen;

        private Iterator<FiniteDuration> chosen() {
          if (chosen == null) {
            chosen = decide() ? declared(next) : scala.package$.MODULE$.Iterator().single(Duration.Zero());
          }
          return chosen;
        }

        @Override
        public boolean hasNext() {
          return chosen().hasNext();
        }

        @Override
        public FiniteDuration next() {
          return chosen().next();
        }
      };
    }

    private Iterator<FiniteDuration> declared(Iterator<FiniteDuration> next) {
      Iterator<FiniteDuration> chained = next;
      for (int i = steps.size() - 1; i >= 0; i--) {
        chained = steps.get(i).asScala().chain(chained);
      }
      return chained;
    }

    @Override
    public long users() {
      return steps.stream().mapToLong(s -> s.asScala().users()).sum();
    }

    @Override
    public FiniteDuration duration() {
      FiniteDuration total = Duration.Zero();
      for (OpenInjectionStep s : steps) {
        total = total.plus(s.asScala().duration());
      }
      return total;
    }

    @Override
    public int productArity() {
      return 0;
    }

    @Override
    public Object productElement(int n) {
      throw new IndexOutOfBoundsException(n);
    }

    @Override
    public boolean canEqual(Object that) {
      return that == this;
    }
  }

  private static OpenInjectionStep wrap(io.gatling.core.controller.inject.open.OpenInjectionStep scalaStep) {
    try {
      Constructor<OpenInjectionStep> constructor =
          OpenInjectionStep.class.getDeclaredConstructor(io.gatling.core.controller.inject.open.OpenInjectionStep.class);
      constructor.setAccessible(true);
      return constructor.newInstance(scalaStep);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("This Gatling version's OpenInjectionStep cannot wrap a conditional round "
          + "(its private constructor changed): extra rounds need Gatling 3.15's injection API", e);
    }
  }
}
