package io.ginpreflight.model;

/** What Gatling counted for a scenario (one scenario per phase round). */
public interface RequestCounts {

  /** HTTP responses (or, for a scenario without plain HTTP requests, its finished journeys). */
  long requests(String scenario);

  /** Finished journeys: each is one virtual user, with its own connections, session and cookies. */
  long journeys(String scenario);

  /**
   * Responses of a scenario whose status was not the one configured, counted instead of failed: a request sent
   * without the rest of its journey (an attribution round) may need an earlier one.
   */
  default long answeredOtherwise(String scenario) {
    return 0;
  }

  /** The names of the requests that answered otherwise in a scenario, first seen first. */
  default java.util.List<String> answeredOtherwiseBy(String scenario) {
    return java.util.List.of();
  }
}
