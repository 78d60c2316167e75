package io.ginpreflight.gatling;

import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;

import io.gatling.javaapi.core.CheckBuilder;
import io.ginpreflight.model.RequestCounts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the HTTP responses and finished journeys of each scenario (one scenario per phase round), so a
 * rate can be divided by the round's own requests. Counting is a protocol-level check that always
 * passes: it runs on Gatling's event loop and only increments an adder.
 */
public final class RequestCounter implements RequestCounts {

  private final Map<String, LongAdder> responses = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> journeys = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> otherwise = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> otherwiseBy = new ConcurrentHashMap<>();
  /** Only on a distributed run: when each scenario's first request was sent and its last answered. */
  private final boolean timed;
  private final Map<String, Long> firstSent = new ConcurrentHashMap<>();
  private final Map<String, Long> lastAnswered = new ConcurrentHashMap<>();

  /** Counts only, as a single-machine run needs. */
  public RequestCounter() {
    this(false);
  }

  /** @param timed also keep each scenario's first and last request times (a distributed run's timeline) */
  public RequestCounter(boolean timed) {
    this.timed = timed;
  }

  /** Add to the HTTP protocol with {@code http.check(counter.check())}. */
  public CheckBuilder check() {
    // responseTimeInMillis always has a value, so this check never fails a request, and unlike a status
    // check it does not replace Gatling's default 2xx/304 status check.
    return responseTimeInMillis().transformWithSession((millis, session) -> {
      responses.computeIfAbsent(session.scenario(), s -> new LongAdder()).increment();
      if (timed) {
        long now = System.currentTimeMillis();
        firstSent.merge(session.scenario(), now - millis, Math::min);
        lastAnswered.merge(session.scenario(), now, Math::max);
      }
      return millis;
    });
  }

  /** An exchange that is not a plain HTTP response ({@link Exchanges}): counted with the responses. */
  void exchangeFinished(String scenario) {
    responses.computeIfAbsent(scenario, s -> new LongAdder()).increment();
  }

  public void journeyFinished(String scenario) {
    journeys.computeIfAbsent(scenario, s -> new LongAdder()).increment();
  }

  /** A response of {@code request} whose status was not the configured one ({@link AloneStatus}). */
  void answeredOtherwise(String scenario, String request) {
    otherwise.computeIfAbsent(scenario, s -> new LongAdder()).increment();
    otherwiseBy.computeIfAbsent(scenario, s -> java.util.Collections.synchronizedSet(
        new java.util.LinkedHashSet<>())).add(request);
  }

  @Override
  public long answeredOtherwise(String scenario) {
    return count(otherwise, scenario);
  }

  @Override
  public List<String> answeredOtherwiseBy(String scenario) {
    Set<String> names = otherwiseBy.get(scenario);
    if (names == null) {
      return List.of();
    }
    synchronized (names) {
      return List.copyOf(names);
    }
  }

  /**
   * HTTP responses and counted exchanges of a scenario (SSE streams, WebSocket conversations, raw-socket
   * requests); its journeys when it counted neither.
   */
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

  /** When the scenario's first HTTP request was sent (epoch millis), if it sent one and times are kept. */
  public java.util.OptionalLong firstSent(String scenario) {
    Long at = firstSent.get(scenario);
    return at == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(at);
  }

  /** When the scenario's last HTTP response arrived (epoch millis), if it sent one and times are kept. */
  public java.util.OptionalLong lastAnswered(String scenario) {
    Long at = lastAnswered.get(scenario);
    return at == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(at);
  }
}
