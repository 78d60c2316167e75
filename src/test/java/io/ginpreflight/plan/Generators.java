package io.ginpreflight.plan;

import io.gatling.core.util.Shard;
import io.ginpreflight.config.DistributionSettings;
import java.util.Optional;

/**
 * This JVM's place among the load generators of one run: generator {@code index} of {@code count}. It
 * divides a population the way Gatling does: a count of users through Gatling's own
 * {@code io.gatling.core.util.Shard} (gatling-core 3.15.1, {@code Shard.shard(total, bucket, buckets)}),
 * a rate by the number of generators. So a population of one user, the probe, lands on generator 0 only.
 */
public record Generators(int count, int index) {

  public Generators {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("Generator " + index + " of " + count + " does not exist: the index runs "
          + "from 0 to count - 1.");
    }
  }

  /** The local generator the settings name; empty on Gatling Enterprise, which divides the load itself. */
  public static Optional<Generators> local(DistributionSettings settings) {
    return settings.generatorIndex().isPresent()
        ? Optional.of(new Generators(settings.generatorCount(), settings.generatorIndex().getAsInt()))
        : Optional.empty();
  }

  /**
   * The generator that holds the probe user: the local one when it does, else the one Gatling's Shard
   * gives a single user to (index 0). On Enterprise that is an assumption: its division is not open
   * source, but it divides injection rates evenly amongst generators (Gatling's docs, "Load Sharding").
   */
  public static Generators probing(DistributionSettings settings) {
    return local(settings).filter(Generators::holdsProbeUser).orElse(new Generators(settings.generatorCount(), 0));
  }

  /** This generator's share of {@code total} users; the shares of all generators add up to it. */
  public long usersOf(long total) {
    return Shard.shard(total, index, count).length();
  }

  /** This generator's share of an arrival rate (users per second). */
  public double rateOf(double usersPerSecond) {
    return usersPerSecond / count;
  }

  /** Whether the one-user probe population is this generator's. */
  public boolean holdsProbeUser() {
    return usersOf(1) == 1;
  }

  @Override
  public String toString() {
    return "generator " + index + " of " + count;
  }
}
