package io.ginpreflight.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.ginpreflight.Phase;
import io.ginpreflight.Preflight;

/**
 * Ten seconds of load on two gin-lab endpoints: the quickest complete run against gin-lab, used by the fault
 * and report tests. Refused for any other target (to check your own service: {@link SetupCheckSimulation}).
 */
public class SmokeSimulation extends WatchedSimulation {

  private static final ChainBuilder API_VISIT = exec(
      http("GET /api/items/:id").get(session -> "/api/items/" + (1 + session.userId() % 500))
          .check(status().is(200)),
      http("POST /api/notify").post("/api/notify")
          .body(StringBody("{\"channel\":\"email\",\"to\":\"user@example.com\",\"message\":\"hello\"}")).asJson()
          .check(status().in(200, 202)));

  public SmokeSimulation() {
    super(new GinLabPaths(Preflight.phases(
        // first requests allocate gin's context pool and the keep-alive connections
        Phase.warmUp("warm-up").journey(API_VISIT).inject(constantUsersPerSec(20).during(2)),
        // the judged phase
        Phase.named("smoke").journey(API_VISIT).inject(constantUsersPerSec(50).during(8))),
        "/api/items, /api/notify"));
  }
}
