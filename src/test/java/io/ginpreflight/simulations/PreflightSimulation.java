package io.ginpreflight.simulations;

import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.ginpreflight.Preflight;
import io.ginpreflight.PreflightRun;
import io.ginpreflight.families.Families;

/**
 * The default of a bare {@code mvn gatling:test}: every endpoint family in turn, each a warm-up and a
 * judged phase, short enough for a laptop (under 3 minutes of load in the quick profile). It drives every
 * gin-lab leak pattern, so {@code -Dlab.leaks=all} fails and the fixed lab passes.
 */
public class PreflightSimulation extends Simulation {

  private final Families families = Families.load(Families.UPLOADS, Families.BINDING, Families.LONG_CONNECTIONS,
      Families.API);
  private final PreflightRun run = PreflightRun.start(getClass());
  private final HttpProtocolBuilder protocol = families.protocol(run);

  private final Preflight preflight = Preflight.phases(Families.inSequence(
      // multipart, streamed, aborted and refused uploads: temp files and descriptors
      families.uploads(run),
      // path, query, form and JSON binding, valid and invalid: maps and caches on the heap
      families.binding(run),
      // SSE, WebSocket and long polls, closed cleanly or dropped: goroutines
      families.longConnections(run),
      // requests that start background work: goroutines, queues, upstream connections
      families.api(run)));

  {
    setUp(preflight.populations(run))
        .protocols(protocol)
        .assertions(preflight.assertions(run));
  }

  @Override
  public void after() {
    run.close();
  }
}
