package io.ginpreflight.simulations;

import io.ginpreflight.families.Families;

/**
 * The default of a bare {@code mvn gatling:test}: every endpoint family in turn, each a warm-up and a
 * judged phase, short enough for a laptop (under 3 minutes of load in the quick profile). It drives every
 * gin-lab leak pattern, so {@code -Dlab.leaks=all} fails and the fixed lab passes.
 */
public class PreflightSimulation extends WatchedSimulation {

  public PreflightSimulation() {
    super(quickOrNightly(
        // multipart, streamed, aborted and refused uploads: temp files and descriptors
        Families.UPLOADS,
        // path, query, form and JSON binding, valid and invalid: maps and caches on the heap
        Families.BINDING,
        // SSE, WebSocket and long polls, closed cleanly or dropped: goroutines
        Families.LONG_CONNECTIONS,
        // requests that start background work: goroutines, queues, upstream connections
        Families.API));
  }
}
