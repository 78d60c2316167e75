package io.ginpreflight.simulations;

import io.ginpreflight.families.Families;

/**
 * One family on its own: path, query, form and JSON binding with valid and invalid payloads; judged on
 * the heap (maps, caches). A warm-up, then the judged phase, as rounds in the nightly profile.
 */
public class BindingSimulation extends WatchedSimulation {

  public BindingSimulation() {
    super(quickOrNightly(Families.BINDING));
  }
}
