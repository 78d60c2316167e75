package io.ginpreflight.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.ginpreflight.testkit.InProcessGatling;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The denominator of every rate: Gatling runs a small simulation against a server in this JVM, and the
 * counter's count of each scenario's responses is the server's count of the requests it answered for it.
 * A scenario that sends no plain HTTP request (SSE, WebSocket, raw clients) counts its finished journeys.
 */
class RequestCounterTest {

  /** What the server answered, by path: each scenario sends to its own. */
  private static final Map<String, LongAdder> ANSWERED = new ConcurrentHashMap<>();
  private static volatile String baseUrl;
  private static volatile RequestCounter counter;
  private static volatile long startedMillis;

  @TempDir
  Path results;

  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    ANSWERED.clear();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      ANSWERED.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new LongAdder()).increment();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  /** Two rounds of requests of different sizes, and a round of journeys without an HTTP request. */
  public static final class Rounds extends Simulation {

    public Rounds() {
      counter = new RequestCounter(true);
      startedMillis = System.currentTimeMillis();
      setUp(
          scenario("round 1").exec(get("/one"), get("/one"), get("/one"), finished()).injectOpen(atOnceUsers(20)),
          scenario("round 2").exec(get("/two"), get("/two"), finished()).injectOpen(atOnceUsers(10)),
          scenario("no http").exec(finished()).injectOpen(atOnceUsers(5)))
          .protocols(http.baseUrl(baseUrl).check(counter.check()))
          .assertions(forAll().failedRequests().count().is(0L));
    }

    private static ChainBuilder get(String path) {
      return exec(http("GET " + path).get(path));
    }

    private static ChainBuilder finished() {
      return exec(session -> {
        counter.journeyFinished(session.scenario());
        return session;
      });
    }
  }

  @Test
  void eachScenarioCountsTheResponsesTheServerGaveItAndItsFinishedJourneys() {
    InProcessGatling run = InProcessGatling.run(Rounds.class, results);

    assertEquals(0, run.exitCode, run.console);
    assertEquals(60, ANSWERED.get("/one").sum());
    assertEquals(ANSWERED.get("/one").sum(), counter.requests("round 1"));
    assertEquals(ANSWERED.get("/two").sum(), counter.requests("round 2"));
    assertEquals(20, counter.journeys("round 1"));
    assertEquals(10, counter.journeys("round 2"));
    // A scenario without plain HTTP requests is counted by its journeys
    assertEquals(5, counter.requests("no http"));
    assertEquals(0, counter.requests("a scenario that never ran"));
    // On a distributed run it also keeps when a scenario's first request went out and its last answer came
    long first = counter.firstSent("round 1").orElseThrow();
    long last = counter.lastAnswered("round 1").orElseThrow();
    assertTrue(startedMillis <= first && first <= last && last <= System.currentTimeMillis(),
        startedMillis + " <= " + first + " <= " + last);
  }
}
