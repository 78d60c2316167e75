package io.ginpreflight.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Stands in front of a real gin-lab's signal endpoints on a loopback port, as an authenticating or
 * misbehaving gateway would: it can require a bearer token, and it can corrupt the metrics text after a
 * number of requests. Everything it serves otherwise comes from the real process.
 */
public final class SignalProxy implements AutoCloseable {

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicInteger metricsRequests = new AtomicInteger();

  private SignalProxy(HttpServer server) {
    this.server = server;
  }

  /**
   * @param upstream the real target's origin, e.g. http://127.0.0.1:8080
   * @param requiredToken a bearer token every request must carry, if any
   * @param corruptMetricsAfter serve corrupted metrics from this many metrics requests on
   * @param corruption what to do to the metrics text
   */
  public static SignalProxy start(String upstream, Optional<String> requiredToken, int corruptMetricsAfter,
      UnaryOperator<String> corruption) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    SignalProxy proxy = new SignalProxy(server);
    server.createContext("/", exchange -> proxy.handle(exchange, upstream, requiredToken, corruptMetricsAfter,
        corruption));
    server.start();
    return proxy;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange, String upstream, Optional<String> token, int corruptAfter,
      UnaryOperator<String> corruption) throws IOException {
    try (exchange) {
      if (token.isPresent() && !("Bearer " + token.get()).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        respond(exchange, 401, "unauthorized\n".getBytes());
        return;
      }
      HttpResponse<byte[]> response;
      try {
        response = client.send(HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI())).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        respond(exchange, 502, new byte[0]);
        return;
      } catch (IOException e) {
        respond(exchange, 502, new byte[0]);
        return;
      }
      byte[] body = response.body();
      if (exchange.getRequestURI().getPath().equals("/metrics") && metricsRequests.incrementAndGet() > corruptAfter) {
        body = corruption.apply(new String(body)).getBytes();
      }
      respond(exchange, response.statusCode(), body);
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
