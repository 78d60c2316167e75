package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.SseMessageCheck;
import io.ginpreflight.Phase;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.gatling.RawClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Long connections, where Gin services leak goroutines: SSE clients that read every event and close, and
 * ones that drop after the first; WebSocket clients that echo and close cleanly, and ones that vanish
 * without a close frame; long polls that time out and retry. A second phase holds many SSE streams and
 * WebSockets open at once. Settings from {@code preflight.families.long-connections}.
 */
public final class LongConnectionFamily {

  static final String NAME = "long-connections";
  private static final String PHASE = "long connections";
  private static final String AT = "preflight.families.long-connections.";

  record Sse(String path, int events, String eventContains, Duration timeout) {}

  record WebSocket(String path, String message, String replyContains, Duration timeout) {}

  record LongPoll(String path, List<Integer> status, int polls) {}

  record Hold(int clients, Duration ramp, Duration duration, String ssePath) {}

  private final Optional<Sse> stream;
  private final Optional<WebSocket> webSocket;
  private final Optional<LongPoll> longPoll;
  private final Hold hold;
  private final Load load;

  private LongConnectionFamily(Optional<Sse> sse, Optional<WebSocket> webSocket, Optional<LongPoll> longPoll,
      Hold hold, Load load) {
    this.stream = sse;
    this.webSocket = webSocket;
    this.longPoll = longPoll;
    this.hold = hold;
    this.load = load;
  }

  static Optional<LongConnectionFamily> from(PreflightConfig config, Profile profile, Skips skips) {
    if (!config.bool(AT + "enabled")) {
      skips.family(NAME, AT + "enabled is false");
      return Optional.empty();
    }
    Optional<Sse> sse = config.hasNonBlankValue(AT + "sse.path") ? Optional.of(new Sse(
        config.string(AT + "sse.path"),
        config.positiveInt(AT + "sse.events"), config.string(AT + "sse.event-contains"),
        config.positiveDuration(AT + "sse.timeout"))) : Optional.empty();
    Optional<WebSocket> webSocket = config.hasNonBlankValue(AT + "websocket.path") ? Optional.of(new WebSocket(
        config.string(AT + "websocket.path"), config.string(AT + "websocket.message"),
        config.string(AT + "websocket.reply-contains"), config.positiveDuration(AT + "websocket.timeout")))
        : Optional.empty();
    Optional<LongPoll> longPoll = config.hasNonBlankValue(AT + "long-poll.path") ? Optional.of(new LongPoll(
        config.string(AT + "long-poll.path"), config.statuses(AT + "long-poll.status"),
        config.positiveInt(AT + "long-poll.polls"))) : Optional.empty();
    if (sse.isEmpty() && webSocket.isEmpty() && longPoll.isEmpty()) {
      skips.family(NAME, "none of " + AT + "sse.path, websocket.path and long-poll.path is set");
      return Optional.empty();
    }
    sse.ifPresentOrElse(s -> {}, () -> skips.endpoint(NAME, "SSE", AT + "sse.path is not set"));
    webSocket.ifPresentOrElse(s -> {}, () -> skips.endpoint(NAME, "WebSocket", AT + "websocket.path is not set"));
    longPoll.ifPresentOrElse(s -> {}, () -> skips.endpoint(NAME, "long poll", AT + "long-poll.path is not set"));
    Hold hold = new Hold(config.nonNegativeInt(AT + "hold.clients"), config.positiveDuration(AT + "hold.ramp"),
        config.positiveDuration(AT + "hold.duration"),
        config.hasNonBlankValue(AT + "hold.sse-path") ? config.string(AT + "hold.sse-path") : "");
    if (hold.clients() == 0) {
      skips.endpoint(NAME, "the phase that holds connections open", AT + "hold.clients is 0");
    }
    return Optional.of(new LongConnectionFamily(sse, webSocket, longPoll, hold, Load.from(config, NAME, profile)));
  }

  /** The family against the run's target; its vanishing WebSockets run on the run's raw-client threads. */
  Family family(String baseUrl, RawClients rawClients) {
    RawSocketClient raw = new RawSocketClient(baseUrl);
    List<ChainBuilder> steps = new ArrayList<>();
    stream.ifPresent(s -> {
      steps.add(exec(sse("sse: read " + s.events() + " events").get(s.path()).await(s.timeout())
          .on(eventChecks(s, s.events()))));
      steps.add(exec(sse("sse: close after reading").close()));
      steps.add(exec(sse("sse: read 1 event then drop").get(s.path()).await(s.timeout()).on(eventChecks(s, 1))));
      steps.add(exec(sse("sse: drop mid-stream").close()));
    });
    webSocket.ifPresent(w -> {
      steps.add(exec(ws("ws: connect").connect(w.path())));
      steps.add(exec(ws("ws: echo then close").sendText(w.message()).await(w.timeout())
          .on(ws.checkTextMessage("ws: echo reply").check(regex(Pattern.quote(w.replyContains()))))));
      steps.add(exec(ws("ws: close").close()));
      steps.add(exec(rawClients.request("ws: echo then vanish (no close frame)", session -> () ->
          raw.webSocketVanish(SessionText.fill(w.path(), session), SessionText.fill(w.message(), session),
              w.replyContains()))));
    });
    longPoll.ifPresent(p -> steps.add(repeat(p.polls()).on(exec(http("poll: time out and retry").get(p.path())
        .check(status().in(p.status().toArray(Integer[]::new)))))));
    ChainBuilder journey = feed(new RunSequence()).exec(steps);
    List<Phase> held = hold.clients() == 0 || (stream.isEmpty() && webSocket.isEmpty()) ? List.of()
        : List.of(Phase.named(PHASE + " held").journey(holdJourney())
            // many clients each holding an SSE stream and a WebSocket open at the same time
            .inject(rampUsers(hold.clients()).during(hold.ramp())));
    return new Family(PHASE, journey, journey, load, held);
  }

  private ChainBuilder holdJourney() {
    List<ChainBuilder> open = new ArrayList<>();
    List<ChainBuilder> close = new ArrayList<>();
    open.add(feed(new RunSequence()));
    webSocket.ifPresent(w -> {
      open.add(exec(ws("ws: hold open").wsName("held-ws").connect(w.path())));
      open.add(exec(ws("ws: echo before hold").wsName("held-ws").sendText(w.message()).await(w.timeout())
          .on(ws.checkTextMessage("ws: echo reply").check(regex(Pattern.quote(w.replyContains()))))));
      close.add(exec(ws("ws: echo after hold").wsName("held-ws").sendText(w.message()).await(w.timeout())
          .on(ws.checkTextMessage("ws: echo reply").check(regex(Pattern.quote(w.replyContains()))))));
      close.add(exec(ws("ws: close after hold").wsName("held-ws").close()));
    });
    stream.ifPresent(s -> {
      String path = hold.ssePath().isEmpty() ? s.path() : hold.ssePath();
      open.add(exec(sse("sse: hold open").sseName("held-sse").get(path).await(s.timeout()).on(eventChecks(s, 1))));
      close.add(exec(sse("sse: close after hold").sseName("held-sse").close()));
    });
    return exec(open).exec(pause(hold.duration())).exec(close);
  }

  private static SseMessageCheck[] eventChecks(Sse s, int count) {
    SseMessageCheck[] checks = new SseMessageCheck[count];
    for (int i = 0; i < count; i++) {
      checks[i] = sse.checkMessage("sse: event " + (i + 1)).check(regex(Pattern.quote(s.eventContains())));
    }
    return checks;
  }
}
