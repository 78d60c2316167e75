package io.ginpreflight.model;

/** What Gatling counted for a scenario (one scenario per phase round). */
public interface RequestCounts {

  /** HTTP responses (or, for a scenario without plain HTTP requests, its finished journeys). */
  long requests(String scenario);

  /** Finished journeys: each is one virtual user, with its own connections, session and cookies. */
  long journeys(String scenario);
}
