package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The slope and its interval, alone and across phases that each count only their own growth. */
class LineFitTest {

  @Test
  void theNoiseSetsTheIntervalWhenTheProbesLieOnTheLine() {
    // GIVEN 10 B per unit exactly, 1,000 units apart, 8,192 of noise
    LineFit fit = LineFit.of(List.of(0.0, 1000.0, 2000.0), List.of(5_000.0, 15_000.0, 25_000.0), 8192);
    // THEN 1.96 * 8192 / sqrt(2 * 1000^2)
    assertEquals(10.0, fit.slope(), 1e-9);
    assertEquals(11.35, fit.halfWidth(), 0.01);
  }

  @Test
  void residualsLargerThanTheNoiseWidenItByStudentsT() {
    // GIVEN three probes off the line by far more than the noise: one degree of freedom left
    LineFit fit = LineFit.of(List.of(0.0, 1000.0, 2000.0), List.of(0.0, 100_000.0, 20_000.0), 10);
    assertEquals(fit.residual(), fit.spread(), 1e-9);
    assertEquals(12.71 * fit.residual() / Math.sqrt(2e6), fit.halfWidth(), 1e-9);
  }

  @Test
  void segmentsShareTheSlopeButNotTheIntercept() {
    // GIVEN two phases growing 10 per unit, the second starting far higher (a warm-up between them)
    LineFit joined = LineFit.pooled(
        List.of(List.of(0.0, 1000.0, 2000.0), List.of(0.0, 1000.0, 2000.0)),
        List.of(List.of(0.0, 10_000.0, 20_000.0), List.of(1e6, 1e6 + 10_000, 1e6 + 20_000)), 8192);
    // THEN the slope is theirs, and the interval counts each phase's own spread of x only: sqrt(2 * 2e6)
    assertEquals(10.0, joined.slope(), 1e-9);
    assertEquals(1.96 * 8192 / Math.sqrt(4e6), joined.halfWidth(), 1e-9);
  }
}
