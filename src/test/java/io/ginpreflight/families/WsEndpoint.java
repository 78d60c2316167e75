package io.ginpreflight.families;

import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One WebSocket endpoint and its conversations. The list form gives each endpoint a {@code script}; the
 * single-object form ({@code message}, {@code reply-contains}) keeps its two conversations: echo then
 * close, and echo then vanish. Immutable.
 *
 * @param name the endpoint's name in Gatling's report and in {@code hold.endpoints}
 * @param path path and query (EL)
 * @param conversations what one journey's clients do, each under its label
 * @param weight how many times one journey runs the conversations
 * @param echo the single-object form: a held socket echoes again after the hold, to prove it survived
 */
record WsEndpoint(String name, String path, List<Conversation> conversations, int weight, boolean echo) {

  /** One client's script, and the label its steps carry in Gatling's report. */
  record Conversation(String label, WsScript script) {}

  static final Set<String> KEYS = Set.of("name", "path", "script", "timeout", "weight", "message", "reply-contains");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  static List<WsEndpoint> from(PreflightConfig config, String key) {
    List<WsEndpoint> endpoints = new ArrayList<>();
    for (PreflightConfig entry : EndpointEntries.read(config, key, KEYS)) {
      String name = EndpointEntries.name(entry, "ws");
      Duration timeout = EndpointEntries.duration(entry, "timeout", DEFAULT_TIMEOUT);
      List<Conversation> conversations;
      boolean echo = false;
      if (entry.hasValue("script")) {
        if (entry.hasValue("message") || entry.hasValue("reply-contains")) {
          throw new ConfigProblem("WebSocket endpoint '" + name + "' sets both a script and message/reply-contains ("
              + entry.name("script") + "): put the message in the script as { send = \"...\" }, "
              + "{ expect = \"...\" }.");
        }
        conversations = List.of(new Conversation(name, WsScript.from(entry, name, timeout)));
      } else if (entry.hasNonBlankValue("message")) {
        String message = entry.string("message");
        String reply = entry.string("reply-contains");
        conversations = List.of(
            new Conversation(name + ": echo then close", WsScript.echo(message, reply, timeout, new WsStep.Close(1000, ""))),
            new Conversation(name + ": echo then vanish (no close frame)",
                WsScript.echo(message, reply, timeout, new WsStep.Vanish())));
        echo = true;
      } else {
        throw new ConfigProblem("WebSocket endpoint '" + name + "' (" + entry.name("path") + ") has neither a script "
            + "nor a message: give it script = [{ send = \"...\" }, { expect = \"...\" }, { close = 1000 }].");
      }
      endpoints.add(new WsEndpoint(name, entry.string("path"), conversations, EndpointEntries.weight(entry),
          echo));
    }
    return endpoints;
  }
}
