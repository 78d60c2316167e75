package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.gatling.JourneyParts;
import io.ginpreflight.model.RequestPart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One long poll: a client polls n times, each poll answered (an event) or timing out, and retries.
 * Immutable.
 *
 * @param name the endpoint's name in Gatling's report
 * @param path path and query (EL)
 * @param statuses the statuses a poll may end with (an event, or the timeout's)
 * @param polls polls per journey
 * @param timeout the request timeout of one poll, when set (Gatling's default otherwise)
 * @param weight how many times one journey runs the polls
 */
record LongPollEndpoint(String name, String path, List<Integer> statuses, int polls, Optional<Duration> timeout,
    int weight) {

  static final Set<String> KEYS = Set.of("name", "path", "status", "polls", "timeout", "weight");

  static List<LongPollEndpoint> from(PreflightConfig config, String key) {
    List<LongPollEndpoint> endpoints = new ArrayList<>();
    for (PreflightConfig entry : EndpointEntries.read(config, key, KEYS)) {
      endpoints.add(new LongPollEndpoint(EndpointEntries.name(entry, "poll"), entry.string("path"),
          entry.hasValue("status") ? entry.statuses("status") : List.of(200, 204),
          entry.hasValue("polls") ? entry.positiveInt("polls") : 1,
          entry.hasValue("timeout") ? Optional.of(entry.positiveDuration("timeout")) : Optional.empty(),
          EndpointEntries.weight(entry)));
    }
    return endpoints;
  }

  /** Its polls as one request an attribution can drive apart from the family's other endpoints. */
  JourneyParts.Part part() {
    return new JourneyParts.Part(new RequestPart(name, "GET " + path, "long poll", polls * weight), journey());
  }

  ChainBuilder journey() {
    var poll = http(name + ": time out and retry").get(path).check(status().in(statuses.toArray(Integer[]::new)));
    if (timeout.isPresent()) {
      poll = poll.requestTimeout(timeout.get());
    }
    return repeat(polls * weight).on(exec(poll));
  }
}
