package io.ginpreflight.families;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One step of a WebSocket endpoint's script. Messages may use Gatling EL ({@code #{seq}}, feeder columns).
 * A script is its steps in order, then one {@link Ending}.
 */
sealed interface WsStep {

  /** Sends a text message, or its UTF-8 bytes as a binary message. */
  record Send(String message, boolean binary) implements WsStep {}

  /** The next text message must contain the text (or match the pattern), within the time. */
  record Expect(String text, Pattern pattern, Duration within) implements WsStep {
    boolean isRegex() {
      return pattern != null;
    }
  }

  /** Reads n text messages without sending (server push), within the time. */
  record Read(int messages, Duration within) implements WsStep {}

  /** Stays connected and silent for the duration, whatever the server pushes. */
  record ReadFor(Duration duration) implements WsStep {}

  /** Pauses the client, connected. */
  record Wait(Duration duration) implements WsStep {}

  /** How the conversation ends. */
  sealed interface Ending {}

  /** A close frame with this code (1000 normal, 1001 going away, ...). */
  record Close(int code, String reason) implements Ending {}

  /** The TCP connection dropped with no close frame, as a phone that loses its network. */
  record Vanish() implements Ending {}

  /** Left open until the journey (or the hold) ends, then closed with 1000. */
  record Stay() implements Ending {}

  /**
   * The client speaks after the server said stop: it sends the message, expects the server's close frame
   * with the code, then sends the message again on the closed connection, and drops it. A protocol
   * violation the server must survive.
   */
  record SpeakAfterClose(String message, int closeCode, Duration within) implements Ending {}
}
