package io.ginpreflight.report;

import java.time.Instant;

/**
 * A phase as it ran: when, how many requests its users sent, and whether its growth was judged.
 * {@code baselineProbe} and {@code closingProbe} are the probes its growth is measured between (with
 * rounds the baseline is the probe after round 1).
 */
public record PhaseRecord(String name, boolean judged, int rounds, Instant startedAt, Instant endedAt,
    long requests, Integer baselineProbe, Integer closingProbe) {}
