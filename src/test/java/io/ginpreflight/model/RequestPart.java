package io.ginpreflight.model;

/**
 * One request of a family's journey, as an attribution drives the requests apart: its name in Gatling's
 * report, its method and path as configured (EL left in), what one of it is called, and how many of it one
 * journey sends.
 *
 * @param noun "request", "SSE stream", "WebSocket conversation", "long poll": what a rate is per
 * @param perJourney how many one journey sends (a request repeated 3 times: 3; one journey in 10: 0.1)
 */
public record RequestPart(String name, String endpoint, String noun, double perJourney) {

  public RequestPart {
    if (perJourney <= 0) {
      throw new IllegalArgumentException("Request \"" + name + "\" is sent " + perJourney + " times a journey: "
          + "a part of a journey is sent at least sometimes.");
    }
  }

  /** A plain HTTP request of a family's list, sent {@code repeat} times a journey. */
  public static RequestPart request(String name, String method, String path, int repeat) {
    return new RequestPart(name, method + " " + path, "request", repeat);
  }

  /** Its method and path without the query: what a sentence names, e.g. {@code GET /v1/search}. */
  public String route() {
    int query = endpoint.indexOf('?');
    return query < 0 ? endpoint : endpoint.substring(0, query);
  }
}
