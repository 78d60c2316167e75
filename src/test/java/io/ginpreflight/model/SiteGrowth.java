package io.ginpreflight.model;

/**
 * A place in the target's code whose retained heap or goroutine count grew during a phase: the first
 * function outside the Go runtime and standard library, and its file:line.
 */
public record SiteGrowth(String function, String location, long before, long after, Unit unit) {

  public long growth() {
    return after - before;
  }
}
