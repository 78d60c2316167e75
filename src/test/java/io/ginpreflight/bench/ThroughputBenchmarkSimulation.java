package io.ginpreflight.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Gatling's maximum throughput against one gin-lab endpoint, to compare with wrk at the same concurrency
 * (scripts/bench/throughput.sh alternates the two). A closed model with no think time: a fixed number of
 * users, each on its own keep-alive connection, sending the next request as soon as the last answered,
 * as wrk's connections do. Plain Gatling, no memory watch: this measures the load generator only.
 *
 * <p>{@code -Dbench.url=http://127.0.0.1:PORT -Dbench.connections=32 -Dbench.seconds=15}
 */
public class ThroughputBenchmarkSimulation extends Simulation {

  private static final String URL = System.getProperty("bench.url", "http://127.0.0.1:8080");
  private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);

  private final HttpProtocolBuilder protocol = http.baseUrl(URL);

  // each user loops for the whole window, so there are exactly CONNECTIONS connections, never re-opened
  private final ScenarioBuilder closedLoop = scenario("closed loop")
      .during(SECONDS).on(exec(http("GET /api/items/1").get("/api/items/1")));

  {
    setUp(closedLoop.injectClosed(constantConcurrentUsers(CONNECTIONS).during(SECONDS))).protocols(protocol);
  }
}
