package io.ginpreflight.report;

import java.time.Instant;

/** A phase as it ran: when, how many requests its users sent, and whether its growth was judged. */
public record PhaseRecord(String name, boolean judged, int rounds, Instant startedAt, Instant endedAt,
    long requests) {}
