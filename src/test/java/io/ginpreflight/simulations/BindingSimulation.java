package io.ginpreflight.simulations;

import io.gatling.javaapi.core.Simulation;
import io.ginpreflight.Preflight;
import io.ginpreflight.PreflightRun;
import io.ginpreflight.families.Families;

/**
 * One family on its own: path, query, form and JSON binding with valid and invalid payloads; judged on the heap (maps, caches). Quick or nightly load with {@code -Dpreflight.profile}.
 */
public class BindingSimulation extends Simulation {

  private final Families families = Families.load(Families.BINDING);
  private final PreflightRun run = PreflightRun.start(getClass());

  // a warm-up, then the judged phase (rounds in the nightly profile)
  private final Preflight preflight = Preflight.phases(families.binding(run));

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
