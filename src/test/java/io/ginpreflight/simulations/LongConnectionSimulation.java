package io.ginpreflight.simulations;

import io.ginpreflight.families.Families;

/**
 * One family on its own: SSE streams, WebSockets and long polls, closed cleanly or dropped, then many held
 * open; judged on goroutines. A warm-up, then the judged phases, as rounds in the nightly profile.
 */
public class LongConnectionSimulation extends WatchedSimulation {

  public LongConnectionSimulation() {
    super(quickOrNightly(Families.LONG_CONNECTIONS));
  }
}
