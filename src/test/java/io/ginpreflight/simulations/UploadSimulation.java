package io.ginpreflight.simulations;

import io.ginpreflight.families.Families;

/**
 * One family on its own: multipart, streamed, aborted and refused uploads; judged on temp files and
 * descriptors. A warm-up, then the judged phase, as rounds in the nightly profile.
 */
public class UploadSimulation extends WatchedSimulation {

  public UploadSimulation() {
    super(quickOrNightly(Families.UPLOADS));
  }
}
