package io.ginpreflight.simulations;

import io.gatling.javaapi.core.Simulation;
import io.ginpreflight.Preflight;
import io.ginpreflight.PreflightRun;
import io.ginpreflight.families.Families;

/**
 * One family on its own: requests that start background work (notifications, exports, watches, queued events, upstream calls); judged on goroutines, heap and descriptors. Quick or nightly load with {@code -Dpreflight.profile}.
 */
public class ApiSimulation extends Simulation {

  private final Families families = Families.load(Families.API);
  private final PreflightRun run = PreflightRun.start(getClass());

  // a warm-up, then the judged phase (rounds in the nightly profile)
  private final Preflight preflight = Preflight.phases(families.api(run));

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
