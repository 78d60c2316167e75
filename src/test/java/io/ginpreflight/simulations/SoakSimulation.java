package io.ginpreflight.simulations;

import io.gatling.javaapi.core.Simulation;
import io.ginpreflight.Preflight;
import io.ginpreflight.PreflightRun;
import io.ginpreflight.families.Families;

/**
 * The nightly run (15 to 20 minutes): every family in the nightly profile, whatever
 * {@code preflight.profile} says, each as identical rounds so the leak trend is fitted: retained bytes per
 * request and goroutines per 1,000 requests.
 */
public class SoakSimulation extends Simulation {

  private final Families families = Families.loadNightly(Families.UPLOADS, Families.BINDING,
      Families.LONG_CONNECTIONS, Families.API);
  private final PreflightRun run = PreflightRun.start(getClass());

  private final Preflight preflight = Preflight.phases(Families.inSequence(
      // uploads in rounds: temp files and descriptors per upload
      families.uploads(run),
      // binding in rounds: retained bytes per request (maps, caches)
      families.binding(run),
      // long connections in rounds: goroutines per 1,000 streams, sockets and polls
      families.longConnections(run),
      // background work in rounds: goroutines and queued bytes per request
      families.api(run)));

  {
    setUp(preflight.populations(run))
        .protocols(families.protocol(run))
        .assertions(preflight.assertions(run));
  }

  @Override
  public void after() {
    run.close();
  }
}
