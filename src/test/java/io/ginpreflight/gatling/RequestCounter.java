package io.ginpreflight.gatling;

import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;

import io.gatling.javaapi.core.CheckBuilder;
import io.ginpreflight.model.RequestCounts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the HTTP responses and finished journeys of each scenario (one scenario per phase round), so a
 * trend can be divided by the round's own requests. Counting is a protocol-level check that always
 * passes: it runs on Gatling's event loop and only increments an adder.
 */
public final class RequestCounter implements RequestCounts {

  private final Map<String, LongAdder> responses = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> journeys = new ConcurrentHashMap<>();

  /** Add to the HTTP protocol with {@code http.check(counter.check())}. */
  public CheckBuilder check() {
    // responseTimeInMillis always has a value, so this check never fails a request, and unlike a status
    // check it does not replace Gatling's default 2xx/304 status check.
    return responseTimeInMillis().transformWithSession((millis, session) -> {
      responses.computeIfAbsent(session.scenario(), s -> new LongAdder()).increment();
      return millis;
    });
  }

  public void journeyFinished(String scenario) {
    journeys.computeIfAbsent(scenario, s -> new LongAdder()).increment();
  }

  /** HTTP responses of a scenario; its journeys when it made no plain HTTP request (SSE, WebSocket). */
  @Override
  public long requests(String scenario) {
    long counted = count(responses, scenario);
    return counted > 0 ? counted : count(journeys, scenario);
  }

  @Override
  public long journeys(String scenario) {
    return count(journeys, scenario);
  }

  private static long count(Map<String, LongAdder> counts, String scenario) {
    LongAdder adder = counts.get(scenario);
    return adder == null ? 0 : adder.sum();
  }
}
