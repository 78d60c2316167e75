package io.ginpreflight.families;

import io.ginpreflight.config.DistributionSettings;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An endless feeder of {@code seq}, a number unique in the whole run: paths such as
 * {@code /api/search?q=term-#{seq}} make every journey ask for something the service has not seen, which is
 * what drives an unbounded cache or a map keyed by the request.
 */
final class RunSequence implements Iterator<Map<String, Object>> {

  private static final AtomicLong NEXT = new AtomicLong(1);
  /**
   * On a distributed run each generator draws its own numbers, or they would repeat on every generator
   * and the service would see each "new" key N times: generator i of N takes i, i + N, i + 2N, ... With
   * no index (Gatling Enterprise, which does not tell a generator its number) a random block of a million
   * among a thousand; two generators share one with a chance of 1 in 1,000.
   */
  private static volatile long first = 0;
  private static volatile long stride = 1;

  /** Spreads the numbers over the generators of a distributed run; a single machine keeps 1, 2, 3, ... */
  static void forRun(Optional<DistributionSettings> distribution) {
    distribution.ifPresent(d -> {
      stride = d.generatorIndex().isPresent() ? d.generatorCount() : 1;
      first = d.generatorIndex().isPresent() ? d.generatorIndex().getAsInt()
          : ThreadLocalRandom.current().nextLong(1000) * 1_000_000L;
    });
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Map<String, Object> next() {
    return Map.of("seq", first + stride * NEXT.getAndIncrement());
  }
}
