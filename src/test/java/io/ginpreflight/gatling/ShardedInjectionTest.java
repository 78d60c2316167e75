package io.ginpreflight.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.core.util.Shard;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.ginpreflight.plan.Generators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The local division of injection profiles between generators, checked against Gatling's own sharding
 * code ({@code io.gatling.core.util.Shard} of gatling-core 3.15.1, on the test classpath): its
 * {@code shards(total, buckets)} iterator is how Gatling itself spreads a count over buckets.
 */
class ShardedInjectionTest {

  private static List<Long> gatlingShards(long total, int buckets) {
    List<Long> shares = new ArrayList<>();
    Shard.shards(total, buckets).foreach(share -> shares.add((Long) share));
    return shares;
  }

  private static List<Long> ourShares(List<OpenInjectionStep> steps, int generators) {
    return IntStream.range(0, generators)
        .mapToObj(index -> ShardedInjection.users(ShardedInjection.shareOf(steps, new Generators(generators, index))))
        .toList();
  }

  @Test
  void theOneProbeUserLandsOnExactlyOneGeneratorForOneToFourGenerators() {
    for (int generators = 1; generators <= 4; generators++) {
      // GIVEN the probe population, one user at once, divided between N generators
      List<Long> shares = ourShares(List.of(atOnceUsers(1)), generators);
      // THEN exactly one generator gets it, the one Gatling's own Shard gives it to
      assertEquals(gatlingShards(1, generators), shares, generators + " generators");
      assertEquals(1, shares.stream().filter(share -> share == 1).count(), generators + " generators: " + shares);
      assertEquals(1, shares.stream().mapToLong(Long::longValue).sum());
      int holder = shares.indexOf(1L);
      for (int index = 0; index < generators; index++) {
        assertEquals(index == holder, new Generators(generators, index).holdsProbeUser(),
            "generator " + index + " of " + generators);
      }
    }
  }

  @Test
  void userCountsAreDividedAsGatlingShardsThemAndAddUpToTheWhole() {
    for (int generators = 1; generators <= 4; generators++) {
      List<OpenInjectionStep> ramp = List.of(rampUsers(7).during(Duration.ofSeconds(3)));
      assertEquals(gatlingShards(7, generators), ourShares(ramp, generators), generators + " generators");
    }
  }

  @Test
  void ratesAreDividedAndTimesKept() {
    List<OpenInjectionStep> steps = List.of(nothingFor(Duration.ofSeconds(2)), constantUsersPerSec(100).during(4));
    for (int generators = 1; generators <= 4; generators++) {
      List<Long> shares = ourShares(steps, generators);
      assertEquals(400, shares.stream().mapToLong(Long::longValue).sum(), generators + " generators: " + shares);
      for (int index = 0; index < generators; index++) {
        assertEquals(Duration.ofSeconds(6),
            ShardedInjection.injectionTime(ShardedInjection.shareOf(steps, new Generators(generators, index))));
      }
    }
  }

  @Test
  void aStepThatCannotBeDividedIsRefusedNamingTheWayOut() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
        ShardedInjection.shareOf(List.of(constantUsersPerSec(10).during(5).randomized()), new Generators(2, 1)));
    assertTrue(refused.getMessage().contains("unset preflight.generators.count and preflight.generators.index"),
        refused.getMessage());
  }

  @Test
  void aGeneratorThatDoesNotExistIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new Generators(2, 2));
    assertEquals("Generator 2 of 2 does not exist: the index runs from 0 to count - 1.", refused.getMessage());
  }
}
