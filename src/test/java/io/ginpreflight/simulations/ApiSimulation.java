package io.ginpreflight.simulations;

import io.ginpreflight.families.Families;

/**
 * One family on its own: requests that start background work (notifications, exports, watches, queued
 * events, upstream calls); judged on goroutines, heap and descriptors. A warm-up, then the judged phase,
 * as rounds in the nightly profile.
 */
public class ApiSimulation extends WatchedSimulation {

  public ApiSimulation() {
    super(quickOrNightly(Families.API));
  }
}
