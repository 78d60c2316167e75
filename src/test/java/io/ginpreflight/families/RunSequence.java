package io.ginpreflight.families;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An endless feeder of {@code seq}, a number unique in the whole run: paths such as
 * {@code /api/search?q=term-#{seq}} make every journey ask for something the service has not seen, which is
 * what drives an unbounded cache or a map keyed by the request.
 */
final class RunSequence implements Iterator<Map<String, Object>> {

  private static final AtomicLong NEXT = new AtomicLong(1);

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Map<String, Object> next() {
    return Map.of("seq", NEXT.getAndIncrement());
  }
}
