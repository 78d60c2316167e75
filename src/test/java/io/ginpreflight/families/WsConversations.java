package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.WsFrameCheck;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.gatling.RawClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns WebSocket scripts into Gatling chains. Gatling waits for messages only right after a connect or a
 * send, so each expect and read attaches its checks to the connect or send before it, the wait being the
 * sum of their times. Scripts that vanish or speak after the server's close run on the raw client instead.
 */
final class WsConversations {

  private final String baseUrl;
  private final RawClients rawClients;

  WsConversations(String baseUrl, RawClients rawClients) {
    this.baseUrl = baseUrl;
    this.rawClients = rawClients;
  }

  /** Refuses, before the run, a Gatling script that waits for messages with nothing before to wait after. */
  static void check(WsEndpoint endpoint) {
    for (WsEndpoint.Conversation c : endpoint.conversations()) {
      if (c.script().raw()) {
        continue;
      }
      boolean canAwait = true;
      for (int i = 0; i < c.script().steps().size(); i++) {
        WsStep step = c.script().steps().get(i);
        if (step instanceof WsStep.Send) {
          canAwait = true;
        } else if (step instanceof WsStep.ReadFor || step instanceof WsStep.Wait) {
          canAwait = false;
        } else if (!canAwait) {
          throw new ConfigProblem("WebSocket endpoint '" + endpoint.name() + "', step " + (i + 1) + " of its script: "
              + "Gatling waits for messages only right after connecting or sending, and this expect or read follows "
              + "a wait or read-for: move it before, send first, or end the script with { vanish = true } (the raw "
              + "client reads anywhere).");
        }
      }
    }
  }

  /** One conversation on the socket named {@code socket}; a {@code stay} ending leaves it open. */
  ChainBuilder conversation(WsEndpoint endpoint, WsEndpoint.Conversation c, String socket) {
    if (c.script().raw()) {
      return exec(rawClients.request(c.label(), session -> () -> runRaw(endpoint, c.script(), session)));
    }
    List<ChainBuilder> chain = new ArrayList<>(opening(endpoint, c, socket));
    if (c.script().ending() instanceof WsStep.Close close) {
      chain.add(exec(ws(c.label() + ": close " + close.code()).wsName(socket).close(close.code(), close.reason())));
    }
    return exec(chain);
  }

  /** The conversation's steps before its ending: connect, sends with their checks, pauses. */
  List<ChainBuilder> opening(WsEndpoint endpoint, WsEndpoint.Conversation c, String socket) {
    List<ChainBuilder> chain = new ArrayList<>();
    Trigger trigger = Trigger.connect(c.label(), endpoint.path());
    int message = 0;
    for (WsStep step : c.script().steps()) {
      if (step instanceof WsStep.Send send) {
        chain.add(trigger.build(socket));
        trigger = Trigger.send(c.label() + ": send " + (++message), send);
      } else if (step instanceof WsStep.Expect expect) {
        trigger = trigger.with(List.of(expectCheck(c.label(), expect)), expect.within());
      } else if (step instanceof WsStep.Read read) {
        List<WsFrameCheck> reads = new ArrayList<>();
        for (int i = 1; i <= read.messages(); i++) {
          reads.add(ws.checkTextMessage(c.label() + ": pushed message").check(regex("(?s)^.*").exists()));
        }
        trigger = trigger.with(reads, read.within());
      } else {
        Duration pause = step instanceof WsStep.ReadFor readFor ? readFor.duration() : ((WsStep.Wait) step).duration();
        chain.add(trigger.build(socket));
        trigger = Trigger.NONE;
        chain.add(exec(pause(pause)));
      }
    }
    chain.add(trigger.build(socket));
    return chain;
  }

  ChainBuilder closeAfterStay(WsEndpoint.Conversation c, String socket) {
    return exec(ws(c.label() + ": close after stay").wsName(socket).close());
  }

  private static WsFrameCheck expectCheck(String label, WsStep.Expect expect) {
    return expect.isRegex()
        ? ws.checkTextMessage(label + ": reply matches " + expect.pattern()).check(regex(expect.pattern().pattern()).exists())
        : ws.checkTextMessage(label + ": reply contains " + expect.text()).check(regex(Pattern.quote(expect.text())).exists());
  }

  /** A connect or a send, and the checks that wait after it. */
  private record Trigger(String label, String path, WsStep.Send send, List<WsFrameCheck> checks, Duration within) {

    static final Trigger NONE = new Trigger(null, null, null, List.of(), Duration.ZERO);

    static Trigger connect(String label, String path) {
      return new Trigger(label + ": connect", path, null, List.of(), Duration.ZERO);
    }

    static Trigger send(String label, WsStep.Send send) {
      return new Trigger(label, null, send, List.of(), Duration.ZERO);
    }

    Trigger with(List<WsFrameCheck> more, Duration time) {
      List<WsFrameCheck> all = new ArrayList<>(checks);
      all.addAll(more);
      return new Trigger(label, path, send, all, within.plus(time));
    }

    ChainBuilder build(String socket) {
      if (label == null) {
        return exec(session -> session);
      }
      if (path != null) {
        var connect = ws(label).wsName(socket).connect(path);
        return exec(checks.isEmpty() ? connect : connect.await(within).on(checks));
      }
      if (send.binary()) {
        var bytes = ws(label).wsName(socket).sendBytes(
            session -> SessionText.fill(send.message(), session).getBytes(StandardCharsets.UTF_8));
        return exec(checks.isEmpty() ? bytes : bytes.await(within).on(checks));
      }
      var text = ws(label).wsName(socket).sendText(send.message());
      return exec(checks.isEmpty() ? text : text.await(within).on(checks));
    }
  }

  private void runRaw(WsEndpoint endpoint, WsScript script, io.gatling.javaapi.core.Session session) throws Exception {
    try (RawWebSocket socket = RawWebSocket.connect(baseUrl, SessionText.fill(endpoint.path(), session))) {
      for (WsStep step : script.steps()) {
        if (step instanceof WsStep.Send send) {
          String message = SessionText.fill(send.message(), session);
          if (send.binary()) {
            socket.sendBinary(message.getBytes(StandardCharsets.UTF_8));
          } else {
            socket.sendText(message);
          }
        } else if (step instanceof WsStep.Expect expect) {
          String reply = socket.nextText(expect.within());
          boolean ok = expect.isRegex() ? expect.pattern().matcher(reply).find() : reply.contains(expect.text());
          if (!ok) {
            throw new IOException("reply " + (expect.isRegex() ? "does not match '" + expect.pattern()
                : "lacks '" + expect.text()) + "': " + reply);
          }
        } else if (step instanceof WsStep.Read read) {
          for (int i = 0; i < read.messages(); i++) {
            socket.nextText(read.within());
          }
        } else if (step instanceof WsStep.ReadFor readFor) {
          socket.readFor(readFor.duration());
        } else if (step instanceof WsStep.Wait wait) {
          Thread.sleep(wait.duration().toMillis()); // the script's own pacing, on a raw-client thread
        }
      }
      if (script.ending() instanceof WsStep.SpeakAfterClose speak) {
        String message = SessionText.fill(speak.message(), session);
        socket.sendText(message);
        int code = socket.awaitClose(speak.within());
        if (speak.closeCode() != 0 && code != speak.closeCode()) {
          throw new IOException("the server closed with " + code + ", expected " + speak.closeCode());
        }
        try {
          socket.sendText(message); // after the server's close frame: the violation under test
        } catch (IOException connectionAlreadyGone) {
          // the server may have dropped the connection already: speaking into it is all we wanted
        }
      }
    } // close(): the TCP connection drops with no close frame (vanish), or after the server's close
  }
}
