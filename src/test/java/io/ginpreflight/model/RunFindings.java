package io.ginpreflight.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a run has found so far, for its reports: the probes' readings, the checks judged from them and
 * run-level failures. The judge writes it while the run goes on; the reports read it, also from a
 * shutdown hook while the run is being interrupted, so every part is safe to read at any time.
 */
public final class RunFindings {

  private final Map<Integer, ProbeReading> readings = new ConcurrentHashMap<>();
  private final List<CheckResult> checks = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final Map<String, PhaseEnd> ends = new ConcurrentHashMap<>();
  private volatile IdleNoise noise;

  public void add(ProbeReading reading) {
    readings.put(reading.index(), reading);
  }

  public void add(CheckResult check) {
    checks.add(check);
  }

  /** How a judged phase ended: its rounds, why extra ones ran, where it was judged. */
  public void add(PhaseEnd end) {
    ends.put(end.phase(), end);
  }

  /** How a phase ended, once it was judged. */
  public Optional<PhaseEnd> end(String phase) {
    return Optional.ofNullable(ends.get(phase));
  }

  /** The target's noise at rest, measured before the first phase. */
  public void setNoise(IdleNoise measured) {
    noise = measured;
  }

  public Optional<IdleNoise> noise() {
    return Optional.ofNullable(noise);
  }

  /** Adds a run-level failure, only if none was recorded yet: the first one is the cause. */
  public boolean addFirstFailure(String failure) {
    synchronized (failures) {
      if (!failures.isEmpty()) {
        return false;
      }
      failures.add(failure);
      return true;
    }
  }

  public List<ProbeReading> readings() {
    return readings.values().stream().sorted(Comparator.comparingInt(ProbeReading::index)).toList();
  }

  /** Every check judged so far, in the order judged. */
  public List<CheckResult> checks() {
    return List.copyOf(checks);
  }

  public List<String> failures() {
    return List.copyOf(failures);
  }

  /** One line for the console: how many checks, how many not OK, run failures. */
  public String summary() {
    List<CheckResult> judged = checks.stream().filter(c -> c.status() != Status.NOT_JUDGED).toList();
    long notOk = judged.stream().filter(c -> c.status() != Status.OK).count();
    long undecided = judged.stream().filter(c -> c.status() == Status.UNDECIDED).count();
    return judged.size() + " memory checks, " + notOk + " not OK" + (undecided == 0 ? "" : " (" + undecided
        + " undecided)")
        + (failures.isEmpty() ? "" : ", " + failures.size() + " run failure(s)");
  }
}
