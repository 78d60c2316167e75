package io.ginpreflight.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.plan.Generators;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probing generator's counts stand for all generators': scaled by the whole population over its share. */
class WholeRunCountsTest {

  @Test
  void theProbingGeneratorsCountsAreScaledToTheWholeRunsUsers() {
    // GIVEN a round of 100 users/s for 4 s (400 users) on 3 generators: the probing one runs 134 of them
    List<OpenInjectionStep> round = List.of(constantUsersPerSec(100).during(4));
    long share = ShardedInjection.users(ShardedInjection.shareOf(round, new Generators(3, 0)));
    assertEquals(134, share);
    // and counted 134 journeys of 21 requests each
    RequestCounts local = new RequestCounts() {
      @Override
      public long requests(String scenario) {
        return 134 * 21;
      }

      @Override
      public long journeys(String scenario) {
        return 134;
      }
    };
    WholeRunCounts whole = new WholeRunCounts(local, Map.of("round", 400.0 / share));
    // THEN the rates divide by the whole run's 400 journeys and 8,400 requests; an unknown scenario is its own
    assertEquals(400, whole.journeys("round"));
    assertEquals(8400, whole.requests("round"));
    assertEquals(134, whole.journeys("warm-up"));
  }
}
