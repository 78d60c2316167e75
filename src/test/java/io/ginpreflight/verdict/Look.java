package io.ginpreflight.verdict;

import java.time.Duration;

/**
 * Where a judgement stands when a rule is applied: whether more rounds may still follow (then a check that
 * the data cannot decide yet asks for one), the jitter of a whole count at rest (a single step within it
 * never fails a run alone), whether the growth is already large (then a KO needs no more rounds), how long the
 * load ran, and how a message names the bound that was reached.
 *
 * @param last no more rounds follow: what is still undecided stays so
 * @param jitter how many goroutines a reading moves at rest; 0 for the heap
 * @param large the same signal grew beyond its flat per-phase limit, or the runtime proved the goroutines
 *     leaked: no bounded cache still filling explains it, so a KO need not wait for more rounds
 * @param load how long the judged rounds ran, baseline probe to the last: a rate per minute at this load
 * @param bound e.g. {@code after 8 rounds (preflight.rounds.max)}; read only when {@code last}
 */
public record Look(boolean last, double jitter, boolean large, Duration load, String bound) {

  /** A look after which another round may run. */
  public static Look interim(double jitter, boolean large, Duration load) {
    return new Look(false, jitter, large, load, "");
  }

  /** The last look: at the bound, or of a phase or scope that runs no more rounds. */
  public static Look last(double jitter, boolean large, Duration load, String bound) {
    return new Look(true, jitter, large, load, bound);
  }
}
