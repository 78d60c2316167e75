package io.ginpreflight.report;

import java.time.Instant;
import java.util.List;

/**
 * A phase as it ran: when, how many requests its users sent, and whether its growth was judged.
 * {@code baselineProbe} and {@code closingProbe} are the probes its growth is measured between (with
 * rounds the baseline is the probe after round 1; the closing one is the probe it was judged at: after its
 * last round, or its second look).
 *
 * @param rounds the rounds it planned; {@code roundsRun} those that ran, extra ones included
 * @param extraRounds why each extra round ran, one line each, e.g. {@code round 4 of at most 8: goroutines per
 *     1000 requests undecided, 95 % interval -0.9 to 4.2 against 0.50 per 1,000 requests}
 * @param secondLook what its second look read, empty when none was needed
 */
public record PhaseRecord(String name, boolean judged, int rounds, int roundsRun, Instant startedAt,
    Instant endedAt, long requests, Integer baselineProbe, Integer closingProbe, List<String> extraRounds,
    String secondLook) {

  public PhaseRecord {
    extraRounds = extraRounds == null ? List.of() : List.copyOf(extraRounds);
    secondLook = secondLook == null ? "" : secondLook;
    roundsRun = roundsRun == 0 ? rounds : roundsRun;
  }
}
