package io.ginpreflight.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.ginpreflight.Phase;
import io.ginpreflight.Preflight;

/**
 * One phase of gin-lab's endpoints run as identical rounds, for the leak rates: retained bytes per request and
 * goroutines per
 * 1,000 requests fitted across the rounds after the first. Its journey includes a bounded cache that
 * fills during the first round and then stays flat, which must pass. Also the instrument of the noise
 * and sensitivity measurements in docs/BENCHMARKS.md.
 *
 * <p>{@code -Drounds.count=5 -Drounds.seconds=6 -Drounds.rate=50} shape it.
 */
public class RoundsSimulation extends WatchedSimulation {

  private static final int ROUNDS = Integer.getInteger("rounds.count", 4);
  private static final int SECONDS = Integer.getInteger("rounds.seconds", 6);
  private static final int RATE = Integer.getInteger("rounds.rate", 50);
  /** Fewer distinct SKUs than one round's visits: the LRU holds them all after round 1. */
  private static final int CATALOG_SKUS = 200;

  private static final ChainBuilder API_VISIT = exec(
      http("GET /api/items/:id").get(session -> "/api/items/" + (1 + session.userId() % 500))
          .check(status().is(200)),
      http("POST /api/notify").post("/api/notify")
          .body(StringBody("{\"channel\":\"email\",\"to\":\"user@example.com\",\"message\":\"hello\"}")).asJson()
          .check(status().in(200, 202)),
      http("GET /api/catalog/:sku").get(session -> "/api/catalog/sku" + (1 + session.userId() % CATALOG_SKUS))
          .check(status().is(200)));

  public RoundsSimulation() {
    super(new GinLabPaths(Preflight.phases(
        // identical rounds: the first warms gin's pools and the catalogue cache, the rest are fitted
        Phase.named("api").journey(API_VISIT).inject(constantUsersPerSec(RATE).during(SECONDS)).rounds(ROUNDS)),
        "/api/items, /api/notify, /api/catalog"));
  }
}
