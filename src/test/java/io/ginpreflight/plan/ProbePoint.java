package io.ginpreflight.plan;

/**
 * One probe of the run, in the order the plan lays them out: its index (0 before the first step), the label
 * the console and reports show, the load step that follows it (the samples taken next are tagged with it),
 * and when it is taken.
 */
public record ProbePoint(int index, String label, String nextStep, Taken taken) {

  /** When a probe is taken. */
  public enum Taken {
    /** Always: before the first step, and after every planned round and warm-up. */
    ALWAYS,
    /** After an extra round, only if that round ran (a check was still undecided before it). */
    IF_ITS_ROUND_RAN,
    /** After a phase's grace period, only if a growth would fail: the second look. */
    TO_CONFIRM,
    /** After a round that drives some of a decided phase's requests apart, only if that round ran. */
    IF_ATTRIBUTING
  }

  /** A probe that is always taken. */
  public ProbePoint(int index, String label, String nextStep) {
    this(index, label, nextStep, Taken.ALWAYS);
  }

  /** Whether a Gatling population takes it (a second look is taken by the probe that asks for it). */
  public boolean hasPopulation() {
    return taken != Taken.TO_CONFIRM;
  }
}
