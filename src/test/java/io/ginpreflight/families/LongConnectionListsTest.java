package io.ginpreflight.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The long-connection endpoints as lists, their checks, and WebSocket scripts, read before any load. */
class LongConnectionListsTest {

  private static final String AT = "preflight.families.long-connections.";
  private static final Path ORDERSVC_CONF = Path.of("src/test/resources/testdata/ordersvc/preflight-ordersvc.conf");

  private static PreflightConfig config(String hocon) {
    return PreflightConfig.from(ConfigFactory.parseString(hocon), Optional.empty());
  }

  private static PreflightConfig ordersvc() {
    return PreflightConfig.from(ConfigFactory.empty(), Optional.of(ORDERSVC_CONF));
  }

  @Test
  void ordersvcsListsGiveEachEndpointItsOwnChecks() {
    List<SseEndpoint> sse = SseEndpoint.from(ordersvc(), AT + "sse");

    assertEquals(List.of(
        new SseEndpoint("order feed", "/api/v2/feeds/orders?count=5&interval_ms=10", Optional.of("order-update"),
            Optional.of("\"order_id\""), 5, Optional.empty(), 1, Duration.ofSeconds(5), 1),
        new SseEndpoint("heartbeat", "/api/v2/feeds/heartbeat?count=100000&interval_ms=20", Optional.of("heartbeat"),
            Optional.of("beat"), 1, Optional.of(Duration.ofMillis(300)), 0, Duration.ofSeconds(5), 1)), sse);
  }

  @Test
  void ordersvcsCheckoutScriptIsReadStepByStep() {
    WsEndpoint checkout = WsEndpoint.from(ordersvc(), AT + "websocket").get(2);

    assertEquals("checkout", checkout.name());
    WsScript script = checkout.conversations().get(0).script();
    assertEquals(8, script.steps().size());
    assertEquals(new WsStep.Send("{\"op\":\"hello\",\"customer\":\"c#{seq}\"}", false), script.steps().get(0));
    assertEquals(new WsStep.Expect("\"op\":\"welcome\"", null, Duration.ofSeconds(5)), script.steps().get(1));
    WsStep.Expect committed = (WsStep.Expect) script.steps().get(7);
    assertEquals("\"op\":\"committed\",\"order\":[0-9]+", committed.pattern().pattern());
    assertEquals(new WsStep.Close(1000, ""), script.ending());
  }

  @Test
  void ordersvcsPushSocketThatIsSpokenToRunsOnTheRawClient() {
    WsEndpoint speaks = WsEndpoint.from(ordersvc(), AT + "websocket").get(1);

    WsScript script = speaks.conversations().get(0).script();
    assertEquals(List.of(new WsStep.Read(2, Duration.ofSeconds(5))), script.steps());
    assertEquals(new WsStep.SpeakAfterClose("{\"op\":\"subscribe\",\"sku\":\"MUG-#{seq}\"}", 1008,
        Duration.ofSeconds(5)), script.ending());
    assertEquals(true, script.raw());
  }

  @Test
  void theSingleObjectFormKeepsItsEchoAndVanishClientsAndItsDropAfterOne() {
    PreflightConfig defaults = config("");

    WsEndpoint ws = WsEndpoint.from(defaults, AT + "websocket").get(0);
    assertEquals(List.of("ws: echo then close", "ws: echo then vanish (no close frame)"),
        ws.conversations().stream().map(WsEndpoint.Conversation::label).toList());
    assertEquals(true, ws.echo());
    SseEndpoint sse = SseEndpoint.from(defaults, AT + "sse").get(0);
    assertEquals(1, sse.dropAfter());
    assertEquals(Optional.of("seq"), sse.dataContains());
    assertEquals(List.of(200, 204), LongPollEndpoint.from(defaults, AT + "long-poll").get(0).statuses());
  }

  @Test
  void anUnknownKeyInAScriptStepIsRefusedNamingTheEndpointAndTheStep() {
    PreflightConfig config = config(AT + "websocket = [{ name = checkout, path = /ws, script = ["
        + "{ send = hello }, { expect = welcome, withn = 2s }, { close = 1000 }] }]");

    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> WsEndpoint.from(config, AT + "websocket"));

    assertEquals("WebSocket endpoint 'checkout', step 2 of its script (" + AT + "websocket[0].script[1]): unknown "
        + "key 'withn' for 'expect'; its options are within.", problem.getMessage());
  }

  @Test
  void aStepWithNoActionIsRefusedListingTheActions() {
    PreflightConfig config = config(AT + "websocket = [{ name = prices, path = /ws, script = [{ recv = 3 }] }]");

    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> WsEndpoint.from(config, AT + "websocket"));

    assertEquals("WebSocket endpoint 'prices', step 1 of its script (" + AT + "websocket[0].script[0]): no action in "
        + "[recv]; a step is one of close, expect, expect-regex, read, read-for, send, speak-after-close, stay, "
        + "vanish, wait.", problem.getMessage());
  }

  @Test
  void aScriptWithoutAnEndingIsRefused() {
    PreflightConfig config = config(AT + "websocket = [{ name = prices, path = /ws, script = [{ read = 3 }] }]");

    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> WsEndpoint.from(config, AT + "websocket"));

    assertEquals("WebSocket endpoint 'prices': its script (" + AT + "websocket[0].script) has no ending; end it with "
        + "one of { close = 1000 }, { vanish = true }, { stay = true } or { speak-after-close = \"...\" }.",
        problem.getMessage());
  }

  @Test
  void aGatlingScriptThatReadsAfterAWaitIsRefusedBeforeTheRun() {
    PreflightConfig config = config(AT + "websocket = [{ name = prices, path = /ws, script = "
        + "[{ wait = 1s }, { read = 1 }, { close = 1000 }] }]");
    WsEndpoint prices = WsEndpoint.from(config, AT + "websocket").get(0);

    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> WsConversations.check(prices));

    assertEquals(true, Pattern.compile("^WebSocket endpoint 'prices', step 2 of its script: Gatling waits for messages "
        + "only right after connecting or sending").matcher(problem.getMessage()).find(), problem.getMessage());
  }

  @Test
  void anUnknownKeyInAnEndpointIsRefusedWithItsFullName() {
    PreflightConfig config = config(AT + "sse = [{ name = feed, path = /feed, evnt = order }]");

    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> SseEndpoint.from(config, AT + "sse"));

    assertEquals("Unknown key '" + AT + "sse[0].evnt'; the keys of an endpoint here are: data-contains, drop-after, "
        + "event, event-contains, events, name, path, read-for, timeout, weight.", problem.getMessage());
  }

  @Test
  void theHoldPhaseNamesOnlyEndpointsThatExist() {
    PreflightConfig config = config(AT + "hold.endpoints = [heartbeat, \"price feed\"]\n"
        + AT + "sse = [{ name = heartbeat, path = /beat }]");

    ConfigProblem problem = assertThrows(ConfigProblem.class,
        () -> LongConnectionFamily.from(config, Profile.QUICK, new Skips(), List.of()));

    assertEquals("Configuration key '" + AT + "hold.endpoints' names 'price feed', which is not an SSE or WebSocket "
        + "endpoint here; the endpoints are: heartbeat, ws.", problem.getMessage());
  }

  @Test
  void twoEndpointsOfOneNameAreRefused() {
    PreflightConfig config = config(AT + "long-poll = [{ name = poll, path = /a }, { name = poll, path = /b }]");

    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> LongPollEndpoint.from(config, AT + "long-poll"));

    assertEquals("Two endpoints under '" + AT + "long-poll' are named 'poll' (" + AT + "long-poll[1].name): give each "
        + "its own name, the hold phase and the report use them.", problem.getMessage());
  }
}
