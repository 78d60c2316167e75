package io.ginpreflight.simulations;

import io.ginpreflight.families.Families;

/**
 * The nightly run (15 to 20 minutes): every family in the nightly profile, whatever
 * {@code preflight.profile} says, each as identical rounds so the leak rates are fitted: retained bytes per
 * request and goroutines per 1,000 requests.
 */
public class SoakSimulation extends WatchedSimulation {

  public SoakSimulation() {
    super(nightly(
        // uploads in rounds: temp files and descriptors per upload
        Families.UPLOADS,
        // binding in rounds: retained bytes per request (maps, caches)
        Families.BINDING,
        // long connections in rounds: goroutines per 1,000 streams, sockets and polls
        Families.LONG_CONNECTIONS,
        // background work in rounds: goroutines and queued bytes per request
        Families.API));
  }
}
