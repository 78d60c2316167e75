package io.ginpreflight.simulations;

import io.gatling.javaapi.core.Simulation;
import io.ginpreflight.Preflight;
import io.ginpreflight.PreflightRun;
import io.ginpreflight.families.Families;

/**
 * One family on its own: SSE streams, WebSockets and long polls, closed cleanly or dropped, then many held open; judged on goroutines. Quick or nightly load with {@code -Dpreflight.profile}.
 */
public class LongConnectionSimulation extends Simulation {

  private final Families families = Families.load(Families.LONG_CONNECTIONS);
  private final PreflightRun run = PreflightRun.start(getClass());

  // a warm-up, then the judged phase (rounds in the nightly profile)
  private final Preflight preflight = Preflight.phases(families.longConnections(run));

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
