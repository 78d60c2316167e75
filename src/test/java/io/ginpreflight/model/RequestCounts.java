package io.ginpreflight.model;

/** The requests Gatling counted for a scenario (one scenario per phase round). */
@FunctionalInterface
public interface RequestCounts {

  long requests(String scenario);
}
