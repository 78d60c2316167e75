package io.ginpreflight.plan;

import io.ginpreflight.model.RequestPart;
import java.util.List;
import java.util.Optional;

/**
 * The rounds a judged phase may run after it was decided, to find which of its family's requests kept what a KO
 * (or undecided) rate grew by: the requests it can drive apart, in journey order, and the rounds laid out for
 * them, each followed by its probe.
 */
public record AttributionPlan(String phase, List<RequestPart> parts, List<AttributionSlot> slots) {

  public AttributionPlan {
    parts = List.copyOf(parts);
    slots = List.copyOf(slots);
  }

  /** The round a probe closes; empty when it closes none of this plan's. */
  public Optional<AttributionSlot> slotClosedBy(int probe) {
    return slots.stream().filter(s -> s.probe() == probe).findFirst();
  }

  /** A round by its number, 1 first. */
  public AttributionSlot slot(int round) {
    return slots.get(round - 1);
  }

  /** The scenario name of a round: {@code binding (attribution 2)}. */
  public static String scenario(String phase, int round) {
    return phase + " (attribution " + round + ")";
  }
}
