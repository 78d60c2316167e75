package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.sse;

import io.gatling.javaapi.core.ChainBuilder;
import io.ginpreflight.gatling.Exchanges;
import io.ginpreflight.gatling.JourneyParts;
import io.ginpreflight.model.RequestPart;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.SseMessageCheck;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Server-Sent Events endpoint: its event name and data checks, how long a client reads (n events,
 * or for a duration) before closing, and optionally a second client that drops after k events (where
 * producers behind a stream leak). Immutable.
 *
 * @param name the endpoint's name in Gatling's report and in {@code hold.endpoints}
 * @param path path and query (EL)
 * @param event the event name every event must carry, if checked
 * @param dataContains text every event's data must contain, if checked
 * @param events how many events a reading client reads (and checks)
 * @param readFor when set, a reading client reads for this long after its first event instead
 * @param dropAfter a second client reads this many events and drops the stream; 0 for none
 * @param timeout the wait for the checked events
 * @param weight how many times one journey runs this endpoint's clients
 */
record SseEndpoint(String name, String path, Optional<String> event, Optional<String> dataContains, int events,
    Optional<Duration> readFor, int dropAfter, Duration timeout, int weight) {

  static final Set<String> KEYS = Set.of("name", "path", "event", "data-contains", "event-contains", "events",
      "read-for", "drop-after", "timeout", "weight");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  static List<SseEndpoint> from(PreflightConfig config, String key) {
    boolean single = !config.isList(key);
    List<SseEndpoint> endpoints = new ArrayList<>();
    for (PreflightConfig entry : EndpointEntries.read(config, key, KEYS)) {
      String name = EndpointEntries.name(entry, "sse");
      if (entry.hasValue("data-contains") && entry.hasValue("event-contains")) {
        throw new ConfigProblem("SSE endpoint '" + name + "' sets both data-contains and event-contains ("
            + entry.name("event-contains") + "): they are one check, keep data-contains.");
      }
      String dataKey = entry.hasValue("event-contains") ? "event-contains" : "data-contains";
      Optional<String> data = entry.hasNonBlankValue(dataKey) ? Optional.of(entry.string(dataKey)) : Optional.empty();
      Optional<String> event = entry.hasNonBlankValue("event") ? Optional.of(entry.string("event")) : Optional.empty();
      Optional<Duration> readFor = entry.hasValue("read-for") ? Optional.of(entry.positiveDuration("read-for"))
          : Optional.empty();
      if (readFor.isPresent() && entry.hasValue("events")) {
        throw new ConfigProblem("SSE endpoint '" + name + "' sets both events and read-for (" + entry.name("read-for")
            + "): a client reads n events or for a duration, give one.");
      }
      int events = entry.hasValue("events") ? entry.positiveInt("events") : 1;
      // the single-object form always had a client that drops after the first event
      int dropAfter = entry.hasValue("drop-after") ? entry.nonNegativeInt("drop-after") : single ? 1 : 0;
      endpoints.add(new SseEndpoint(name, entry.string("path"), event, data, events, readFor, dropAfter,
          EndpointEntries.duration(entry, "timeout", DEFAULT_TIMEOUT), EndpointEntries.weight(entry)));
    }
    return endpoints;
  }

  /**
   * The journey's clients: one reads and closes, one (with drop-after) drops mid-stream; each stream is
   * counted as a request of the journey.
   */
  ChainBuilder journey(Exchanges exchanges) {
    List<ChainBuilder> steps = new ArrayList<>();
    steps.add(reading(exchanges));
    if (dropAfter > 0) {
      steps.add(dropping(exchanges));
    }
    ChainBuilder once = exec(steps);
    return weight == 1 ? once : repeat(weight).on(once);
  }

  /** Its clients as requests an attribution can drive apart: the reading one, and the one that drops. */
  List<JourneyParts.Part> parts(Exchanges exchanges) {
    List<JourneyParts.Part> parts = new ArrayList<>();
    String reads = readFor.map(d -> "read for " + d.toMillis() + " ms")
        .orElse("read " + events + (events == 1 ? " event" : " events"));
    parts.add(part(name + ": " + reads, reading(exchanges)));
    if (dropAfter > 0) {
      parts.add(part(name + ": read " + dropAfter + " then drop", dropping(exchanges)));
    }
    return parts;
  }

  private JourneyParts.Part part(String client, ChainBuilder chain) {
    return new JourneyParts.Part(new RequestPart(client, "GET " + path, "SSE stream", weight),
        weight == 1 ? chain : repeat(weight).on(chain));
  }

  private ChainBuilder reading(Exchanges exchanges) {
    String stream = "sse-" + name;
    List<ChainBuilder> read = new ArrayList<>();
    if (readFor.isPresent()) {
      read.add(exec(sse(name + ": first event").sseName(stream).get(path).await(timeout).on(checks(1))));
      read.add(exec(pause(readFor.get())));
    } else {
      read.add(exec(sse(name + ": read " + events + (events == 1 ? " event" : " events")).sseName(stream).get(path)
          .await(timeout).on(checks(events))));
    }
    read.add(exec(sse(name + ": close after reading").sseName(stream).close()));
    return exchanges.counted(exec(read));
  }

  private ChainBuilder dropping(Exchanges exchanges) {
    String stream = "sse-" + name;
    return exchanges.counted(exec(
        exec(sse(name + ": read " + dropAfter + " then drop").sseName(stream).get(path).await(timeout)
            .on(checks(dropAfter))),
        exec(sse(name + ": drop mid-stream").sseName(stream).close())));
  }

  /** Opens the stream and checks its first event: the hold phase's open step. */
  ChainBuilder open(String stream, String openPath) {
    return exec(sse(name + ": hold open").sseName(stream).get(openPath).await(timeout).on(checks(1)));
  }

  ChainBuilder close(String stream) {
    return exec(sse(name + ": close after hold").sseName(stream).close());
  }

  SseMessageCheck[] checks(int count) {
    SseMessageCheck[] checks = new SseMessageCheck[count];
    for (int i = 0; i < count; i++) {
      List<CheckBuilder> each = new ArrayList<>();
      // Gatling hands SSE checks the event as JSON: {"event": name, "id": ..., "data": text}
      event.ifPresent(e -> each.add(jsonPath("$.event").is(e)));
      dataContains.ifPresent(d -> each.add(jsonPath("$.data").transform(data -> data.contains(d)).is(true)
          .name("data contains " + d)));
      if (each.isEmpty()) {
        each.add(regex(Pattern.quote("\"data\"")).exists());
      }
      checks[i] = sse.checkMessage(name + ": event " + (i + 1)).check(each);
    }
    return checks;
  }
}
