package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Some requests of a family driven alone in one attribution round (or, when never driven alone, known from
 * the rounds of their siblings), with what they retained per request.
 *
 * @param requests their names in Gatling's report, in journey order
 * @param endpoints their methods and paths, in the same order
 * @param sent requests sent in the round; 0 when the group was not driven alone
 * @param rate what one of them retained, in the attribution's kind (per request, or per 1,000 requests);
 *     null when not measured
 * @param interval its 95 % interval; null when not measured
 * @param share what the rate says: it retains, it does not, or it was not driven alone
 * @param answeredOtherwise responses in the round whose status was not the one configured: a request that
 *     needs an earlier one of its journey (a login, a cart it reads) answers otherwise when sent alone
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttributedGroup(List<String> requests, List<String> endpoints, long sent, Double rate,
    Interval interval, Share share, long answeredOtherwise) {

  /** What a group's round says of it. */
  public enum Share {
    /** Retains beyond doubt: its one-sided 99.99 % bound is above 0 (a count: beyond its jitter too). */
    RETAINS,
    /** No retention beyond its uncertainty. */
    NONE_SHOWN,
    /** Not driven alone: its sibling showed nothing, so it holds what the family kept. */
    INFERRED,
    /** Not driven alone: the attribution's time ran out first. */
    NOT_DRIVEN
  }

  public AttributedGroup {
    requests = List.copyOf(requests);
    endpoints = List.copyOf(endpoints);
  }
}
