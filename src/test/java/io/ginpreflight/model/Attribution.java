package io.ginpreflight.model;

import java.util.List;

/**
 * Which requests of a family kept what a KO (or undecided) rate grew by, found by driving them apart after the
 * phase was decided: the sentence a check's message leads with, and every group of requests driven alone
 * with its own rate and interval (memory.html's table, memory.json).
 *
 * @param kind the rate the groups' figures are in (bytes per request, goroutines per 1,000 requests)
 * @param sentence e.g. {@code 920 B per "cart: add item" request (POST /v1/carts/c#{seq}/items); the other 17
 *     requests of binding under 4.1 B each}
 * @param groups the groups driven alone, in the order their rounds ran, and the groups never driven alone
 *     (inferred from their siblings) after them
 * @param rounds how many attribution rounds ran
 */
public record Attribution(CheckKind kind, Outcome outcome, String sentence, List<AttributedGroup> groups,
    int rounds) {

  /** What the rounds found. */
  public enum Outcome {
    /** One request or a few retain, the others not: named. */
    LOCATED,
    /** Every request retains about the same: something every request passes through keeps it. */
    EVERY_REQUEST,
    /** No request alone retained beyond its uncertainty: it needs them together, or it is too small to split. */
    NOT_LOCATED,
    /** The time or rounds ran out first: the smallest groups found so far are named. */
    UNFINISHED
  }

  public Attribution {
    groups = List.copyOf(groups);
  }
}
