package io.ginpreflight.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.ginpreflight.Phase;
import io.ginpreflight.Preflight;
import io.ginpreflight.PreflightRun;

/**
 * The default of a bare {@code mvn gatling:test}: a short mixed load on the target's API, judged by the
 * post-GC heap and goroutine growth of its steady phase.
 */
public class PreflightSimulation extends Simulation {

  private final PreflightRun run = PreflightRun.start(getClass());

  private final HttpProtocolBuilder protocol = run.http()
      .acceptHeader("application/json")
      .userAgentHeader("gin-preflight");

  private final ChainBuilder readItem = exec(
      http("GET /api/items/:id").get(session -> "/api/items/" + (1 + session.userId() % 500))
          .check(status().is(200)));

  private final ChainBuilder sendNotification = exec(
      http("POST /api/notify").post("/api/notify")
          .body(StringBody("{\"channel\":\"email\",\"to\":\"user@example.com\",\"message\":\"hello\"}"))
          .asJson()
          .check(status().in(200, 202)));

  private final ChainBuilder apiVisit = exec(readItem, sendNotification);

  private final Preflight preflight = Preflight.phases(
      // fills pools, caches and keep-alive connections so their first growth is not judged
      Phase.warmUp("warm-up").journey(apiVisit).inject(constantUsersPerSec(20).during(5)),
      // steady traffic: the growth of this phase is the verdict
      Phase.named("steady").journey(apiVisit).inject(constantUsersPerSec(100).during(20)));

  {
    setUp(preflight.populations(run)).protocols(protocol).assertions(preflight.assertions(run));
  }

  @Override
  public void after() {
    run.close();
  }
}
