package io.ginpreflight.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import scala.concurrent.duration.FiniteDuration;

/** Pins the conditional round to Gatling's injection API: what Gatling reads from it when the population starts. */
class ConditionalInjectionTest {

  private static List<Long> startMillis(OpenInjectionStep step) {
    scala.collection.Iterator<FiniteDuration> times =
        step.asScala().chain(scala.package$.MODULE$.Iterator().<FiniteDuration>empty());
    List<Long> millis = new ArrayList<>();
    while (times.hasNext()) {
      millis.add(times.next().toMillis());
    }
    return millis;
  }

  @Test
  void aWantedRoundInjectsItsUsersAsDeclared() {
    // GIVEN a round of 10 users a second for 2 s, wanted
    ConditionalInjection round = ConditionalInjection.of(() -> true,
        List.of(constantUsersPerSec(10).during(Duration.ofSeconds(2))));
    // WHEN Gatling reads its start times
    List<Long> starts = startMillis(round.step());
    // THEN 20 users within the 2 s, and the round says it ran
    assertEquals(20, starts.size());
    assertTrue(starts.stream().allMatch(t -> t >= 0 && t < 2000), starts.toString());
    assertTrue(round.ran());
  }

  @Test
  void anUnwantedRoundInjectsOneUserAtOnceSoThatWhatFollowsStarts() {
    ConditionalInjection round = ConditionalInjection.of(() -> false,
        List.of(nothingFor(Duration.ofSeconds(1)), constantUsersPerSec(10).during(Duration.ofSeconds(2))));
    assertEquals(List.of(0L), startMillis(round.step()));
    assertFalse(round.ran());
  }

  @Test
  void theDecisionWaitsForTheFirstReadAndIsTakenOnce() {
    // GIVEN a condition that changes after the simulation is built
    AtomicInteger asked = new AtomicInteger();
    boolean[] wanted = {false};
    ConditionalInjection round = ConditionalInjection.of(() -> {
      asked.incrementAndGet();
      return wanted[0];
    }, List.of(constantUsersPerSec(5).during(Duration.ofSeconds(1))));
    OpenInjectionStep step = round.step();
    // WHEN the console reads its declared users before the start, and the condition turns true before the read
    assertEquals(5, step.asScala().users());
    assertEquals(0, asked.get());
    wanted[0] = true;
    // THEN the round runs, decided at the read, and later reads keep that decision
    assertEquals(5, startMillis(step).size());
    wanted[0] = false;
    assertTrue(round.ran());
    assertEquals(1, asked.get());
  }

  @Test
  void declaresItsStepsDuration() {
    ConditionalInjection round = ConditionalInjection.of(() -> true,
        List.of(nothingFor(Duration.ofSeconds(1)), constantUsersPerSec(10).during(Duration.ofSeconds(3))));
    assertEquals(4000, round.step().asScala().duration().toMillis());
  }

  @Test
  void refusesNoSteps() {
    assertThrows(IllegalArgumentException.class, () -> ConditionalInjection.of(() -> true, List.of()));
  }
}
