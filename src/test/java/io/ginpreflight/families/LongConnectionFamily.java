package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.ginpreflight.Phase;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.gatling.Exchanges;
import io.ginpreflight.gatling.JourneyParts;
import io.ginpreflight.gatling.RawClients;
import io.ginpreflight.model.RequestPart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long connections, where Gin services leak goroutines: SSE endpoints read to their end and dropped
 * midway, WebSocket endpoints driven through their scripts (closed cleanly, vanished, kept, or spoken to
 * after the server said stop), long polls that time out and retry. A second phase holds many SSE streams
 * and WebSockets open at once. Each of {@code sse}, {@code websocket} and {@code long-poll} under
 * {@code preflight.families.long-connections} is one endpoint object or a list of them.
 */
public final class LongConnectionFamily {

  static final String NAME = "long-connections";
  private static final String PHASE = "long connections";
  private static final String AT = "preflight.families.long-connections.";
  private static final Logger LOG = LoggerFactory.getLogger(LongConnectionFamily.class);

  /**
   * The hold phase: clients, arriving over ramp, each holding the named endpoints open for duration.
   *
   * @param ssePath the single-object form's hold path for the first SSE endpoint, or empty
   * @param endpoints the names held; empty: the first SSE and the first WebSocket endpoint
   * @param warmUp whether an unjudged hold of the same clients comes first (preflight.conf: hold.warm-up)
   */
  record Hold(int clients, Duration ramp, Duration duration, String ssePath, List<String> endpoints,
      boolean warmUp) {}

  private final List<SseEndpoint> streams;
  private final List<WsEndpoint> webSockets;
  private final List<LongPollEndpoint> longPolls;
  private final Hold hold;
  private final Load load;

  private LongConnectionFamily(List<SseEndpoint> streams, List<WsEndpoint> webSockets,
      List<LongPollEndpoint> longPolls, Hold hold, Load load) {
    this.streams = streams;
    this.webSockets = webSockets;
    this.longPolls = longPolls;
    this.hold = hold;
    this.load = load;
  }

  /** @param documentStreams the SSE streams of preflight.openapi, used when {@code sse} is not set */
  static Optional<LongConnectionFamily> from(PreflightConfig config, Profile profile, Skips skips,
      List<SseEndpoint> documentStreams) {
    if (!config.bool(AT + "enabled")) {
      skips.family(NAME, AT + "enabled is false");
      return Optional.empty();
    }
    List<SseEndpoint> configured = SseEndpoint.from(config, AT + "sse");
    List<SseEndpoint> sse = configured.isEmpty() ? documentStreams : configured;
    if (!configured.isEmpty() && !documentStreams.isEmpty()) {
      LOG.info("long-connections: {}sse is set, so it is read instead of the {} streams preflight.openapi gave", AT,
          documentStreams.size());
    }
    List<WsEndpoint> webSockets = WsEndpoint.from(config, AT + "websocket");
    webSockets.forEach(WsConversations::check);
    List<LongPollEndpoint> longPolls = LongPollEndpoint.from(config, AT + "long-poll");
    if (sse.isEmpty() && webSockets.isEmpty() && longPolls.isEmpty()) {
      skips.family(NAME, "none of " + AT + "sse.path, websocket.path and long-poll.path is set (nor an SSE "
          + "operation in preflight.openapi)");
      return Optional.empty();
    }
    if (sse.isEmpty()) {
      skips.endpoint(NAME, "SSE", AT + "sse.path is not set (nor an SSE operation in preflight.openapi)");
    }
    if (webSockets.isEmpty()) {
      skips.endpoint(NAME, "WebSocket", AT + "websocket.path is not set");
    }
    if (longPolls.isEmpty()) {
      skips.endpoint(NAME, "long poll", AT + "long-poll.path is not set");
    }
    Hold hold = new Hold(config.nonNegativeInt(AT + "hold.clients"), config.positiveDuration(AT + "hold.ramp"),
        config.positiveDuration(AT + "hold.duration"),
        config.hasNonBlankValue(AT + "hold.sse-path") ? config.string(AT + "hold.sse-path") : "",
        config.hasValue(AT + "hold.endpoints") ? config.stringList(AT + "hold.endpoints") : List.of(),
        config.bool(AT + "hold.warm-up"));
    checkHeld(hold, sse, webSockets);
    if (hold.clients() == 0) {
      skips.endpoint(NAME, "the phase that holds connections open", AT + "hold.clients is 0");
    }
    return Optional.of(new LongConnectionFamily(sse, webSockets, longPolls, hold, Load.from(config, NAME, profile)));
  }

  private static void checkHeld(Hold hold, List<SseEndpoint> sse, List<WsEndpoint> webSockets) {
    List<String> known = new ArrayList<>();
    sse.forEach(s -> known.add(s.name()));
    webSockets.forEach(w -> known.add(w.name()));
    for (String name : hold.endpoints()) {
      if (!known.contains(name)) {
        throw new ConfigProblem("Configuration key '" + AT + "hold.endpoints' names '" + name + "', which is not an "
            + "SSE or WebSocket endpoint here; the endpoints are: " + String.join(", ", known) + ".");
      }
      webSockets.stream().filter(w -> w.name().equals(name) && heldConversation(w).isEmpty()).findFirst()
          .ifPresent(w -> {
            throw new ConfigProblem("WebSocket endpoint '" + name + "' cannot be held (" + AT + "hold.endpoints): "
                + "its script ends with vanish or speak-after-close, which the raw client runs; hold an endpoint "
                + "whose script ends with close or stay.");
          });
    }
  }

  private static Optional<WsEndpoint.Conversation> heldConversation(WsEndpoint endpoint) {
    return endpoint.conversations().stream().filter(c -> !c.script().raw()).findFirst();
  }

  /** The SSE endpoints it reads, configured or from the document. */
  List<SseEndpoint> streams() {
    return streams;
  }

  /** The family against the run's target; its raw WebSocket scripts run on the run's raw-client threads. */
  Family family(String baseUrl, RawClients rawClients, Exchanges exchanges) {
    WsConversations conversations = new WsConversations(baseUrl, rawClients);
    List<ChainBuilder> steps = new ArrayList<>();
    List<ChainBuilder> closeStays = new ArrayList<>();
    List<JourneyParts.Part> parts = new ArrayList<>();
    streams.forEach(s -> {
      steps.add(s.journey(exchanges));
      parts.addAll(s.parts(exchanges));
    });
    for (WsEndpoint w : webSockets) {
      List<ChainBuilder> once = new ArrayList<>();
      boolean kept = false;
      for (int i = 0; i < w.conversations().size(); i++) {
        WsEndpoint.Conversation c = w.conversations().get(i);
        String socket = "ws-" + w.name() + "-" + i;
        ChainBuilder conversation = exchanges.counted(conversations.conversation(w, c, socket));
        once.add(conversation);
        if (c.script().ending() instanceof WsStep.Stay) {
          ChainBuilder close = conversations.closeAfterStay(c, socket);
          closeStays.add(close);
          kept = true;
          parts.add(wsPart(w, c, 1, exec(conversation, close)));
        } else {
          parts.add(wsPart(w, c, w.weight(), w.weight() == 1 ? conversation : repeat(w.weight()).on(conversation)));
        }
      }
      // a kept socket cannot be opened twice under its name: weight repeats only sockets that end
      steps.add(w.weight() == 1 || kept ? exec(once) : repeat(w.weight()).on(exec(once)));
    }
    longPolls.forEach(p -> {
      steps.add(p.journey());
      parts.add(p.part());
    });
    steps.addAll(closeStays);
    ChainBuilder journey = feed(new RunSequence()).exec(steps);
    List<Phase> held = new ArrayList<>();
    if (hold.clients() > 0 && !(streams.isEmpty() && webSockets.isEmpty())) {
      if (hold.warmUp()) {
        held.add(Phase.warmUp(PHASE + " held warm-up").journey(holdJourney(conversations))
            // the same peak first: the Go runtime keeps the records of every goroutine it ran at once
            .inject(rampUsers(hold.clients()).during(hold.ramp())));
      }
      held.add(Phase.named(PHASE + " held").journey(holdJourney(conversations))
          // many clients each holding the held endpoints open at the same time
          .inject(rampUsers(hold.clients()).during(hold.ramp()))
          .growthOnly("a hold of " + hold.clients() + " clients at once is one step, not a rate: the held endpoints "
              + "are judged per request in phase \"" + PHASE + "\", and this peak by its growth and second look"));
    }
    return new Family(PHASE, journey, journey, load, List.copyOf(held),
        Optional.of(JourneyParts.of(feed(new RunSequence()), parts)));
  }

  private static JourneyParts.Part wsPart(WsEndpoint endpoint, WsEndpoint.Conversation conversation, int perJourney,
      ChainBuilder chain) {
    return new JourneyParts.Part(new RequestPart(conversation.label(), "GET " + endpoint.path(),
        "WebSocket conversation", perJourney), chain);
  }

  private ChainBuilder holdJourney(WsConversations conversations) {
    List<ChainBuilder> open = new ArrayList<>();
    List<ChainBuilder> close = new ArrayList<>();
    open.add(feed(new RunSequence()));
    List<WsEndpoint> heldSockets = hold.endpoints().isEmpty()
        ? webSockets.stream().filter(w -> heldConversation(w).isPresent()).limit(1).toList()
        : webSockets.stream().filter(w -> hold.endpoints().contains(w.name())).toList();
    for (WsEndpoint w : heldSockets) {
      WsEndpoint.Conversation c = heldConversation(w).orElseThrow();
      WsEndpoint.Conversation held = new WsEndpoint.Conversation(w.name() + ": held", c.script());
      String socket = "held-ws-" + w.name();
      open.addAll(conversations.opening(w, held, socket));
      if (w.echo()) {
        // the single-object form echoes again after the hold: the socket survived it
        WsEndpoint.Conversation after = new WsEndpoint.Conversation(w.name() + ": after hold", c.script());
        List<ChainBuilder> again = conversations.opening(w, after, socket);
        close.addAll(again.subList(1, again.size())); // the same sends and checks, without the connect
      }
      int code = c.script().ending() instanceof WsStep.Close closing ? closing.code() : 1000;
      close.add(exec(ws(w.name() + ": close after hold").wsName(socket).close(code, "")));
    }
    List<SseEndpoint> heldStreams = hold.endpoints().isEmpty() ? streams.stream().limit(1).toList()
        : streams.stream().filter(s -> hold.endpoints().contains(s.name())).toList();
    for (SseEndpoint s : heldStreams) {
      String stream = "held-sse-" + s.name();
      boolean legacyPath = hold.endpoints().isEmpty() && !hold.ssePath().isEmpty();
      open.add(s.open(stream, legacyPath ? hold.ssePath() : s.path()));
      close.add(s.close(stream));
    }
    return exec(open).exec(pause(hold.duration())).exec(close);
  }
}
