package io.ginpreflight.model;

import java.util.List;

/**
 * How a judged phase ended, as the judge decided it while the run went on: how many rounds ran, why each
 * round after the planned ones ran, the probe its checks were judged at, and its second look.
 *
 * @param roundsRun the planned rounds and the extra ones that ran
 * @param extraRounds one line per extra round: which checks were undecided and why, e.g. {@code round 4 of at
 *     most 8: goroutines per 1000 requests undecided, 95 % interval -0.9 to 4.2 against 0.50 per 1,000
 *     requests}
 * @param openingProbe the probe before its first round (the previous phase's last)
 * @param closingProbe the probe its checks were judged at: after its last round, or its second look
 * @param secondLook what the second look found, e.g. {@code goroutines back to 21 after 5.1 s}; empty when
 *     none was taken
 */
public record PhaseEnd(String phase, int roundsRun, List<String> extraRounds, int openingProbe, int closingProbe,
    String secondLook) {

  public PhaseEnd {
    extraRounds = List.copyOf(extraRounds);
    secondLook = secondLook == null ? "" : secondLook;
  }
}
