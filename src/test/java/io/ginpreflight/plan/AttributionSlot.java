package io.ginpreflight.plan;

/**
 * One round an attribution may run after its phase was decided, as the plan lays it out before any load: its
 * number (1 first), its scenario's name, whose requests Gatling counts, and the probe after it. Which requests it
 * drives, and whether it runs at all, is chosen while the run goes on.
 */
public record AttributionSlot(int round, String scenario, int probe) {}
