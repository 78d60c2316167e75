package io.ginpreflight.gatling;

import static io.gatling.javaapi.core.CoreDsl.exec;

import io.gatling.javaapi.core.ChainBuilder;

/**
 * Counts the exchanges that are not plain HTTP responses as requests of the virtual user's scenario: an SSE
 * stream read and closed, a WebSocket conversation, a raw-socket request (a client that vanishes, an upload
 * cut off mid-body). Each is a request to the service, and what it keeps, it keeps per exchange: a rate of
 * the long connections or the uploads divides by them too.
 */
public final class Exchanges {

  private final RequestCounter counter;

  public Exchanges(RequestCounter counter) {
    this.counter = counter;
  }

  /** The exchange, then one count for it once it ended (a failed one too: the service saw it). */
  public ChainBuilder counted(ChainBuilder exchange) {
    return exec(exchange).exec(session -> {
      counter.exchangeFinished(session.scenario());
      return session;
    });
  }
}
