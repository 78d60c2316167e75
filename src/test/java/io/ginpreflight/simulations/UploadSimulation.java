package io.ginpreflight.simulations;

import io.gatling.javaapi.core.Simulation;
import io.ginpreflight.Preflight;
import io.ginpreflight.PreflightRun;
import io.ginpreflight.families.Families;

/**
 * One family on its own: multipart, streamed, aborted and refused uploads; judged on temp files and descriptors. Quick or nightly load with {@code -Dpreflight.profile}.
 */
public class UploadSimulation extends Simulation {

  private final Families families = Families.load(Families.UPLOADS);
  private final PreflightRun run = PreflightRun.start(getClass());

  // a warm-up, then the judged phase (rounds in the nightly profile)
  private final Preflight preflight = Preflight.phases(families.uploads(run));

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
