package io.ginpreflight.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a run has found so far: the probes' readings, the checks judged from them and run-level failures.
 * The judge writes it while the run goes on; the reports read it, also from a shutdown hook while the
 * run is being interrupted, so every part is safe to read at any time.
 */
public final class RunFindings {

  private final Map<Integer, ProbeReading> readings = new ConcurrentHashMap<>();
  private final List<CheckResult> checks = new CopyOnWriteArrayList<>();
  private final List<TrendResult> trends = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final List<BaselineResult> baselines = new CopyOnWriteArrayList<>();
  private volatile IdleNoise noise;

  public void add(ProbeReading reading) {
    readings.put(reading.index(), reading);
  }

  public void add(CheckResult check) {
    checks.add(check);
  }

  public void add(TrendResult trend) {
    trends.add(trend);
  }

  public void add(BaselineResult baseline) {
    baselines.add(baseline);
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

  public Optional<ProbeReading> reading(int probe) {
    return Optional.ofNullable(readings.get(probe));
  }

  public List<ProbeReading> readings() {
    return readings.values().stream().sorted(Comparator.comparingInt(ProbeReading::index)).toList();
  }

  public List<CheckResult> checks() {
    return List.copyOf(checks);
  }

  public List<TrendResult> trends() {
    return List.copyOf(trends);
  }

  public List<BaselineResult> baselines() {
    return List.copyOf(baselines);
  }

  public List<String> failures() {
    return List.copyOf(failures);
  }

  /** One line for the console: how many checks, how many not OK, run failures. */
  public String summary() {
    long failedChecks = checks.stream().filter(c -> c.status() != Status.OK).count()
        + trends.stream().filter(t -> t.status() != Status.OK).count()
        + baselines.stream().filter(b -> b.status() == BaselineStatus.KO || b.status() == BaselineStatus.INCONCLUSIVE)
            .count();
    long judgedBaselines = baselines.stream().filter(b -> b.status() != BaselineStatus.NOT_JUDGED).count();
    return (checks.size() + trends.size() + judgedBaselines) + " memory checks, " + failedChecks + " not OK"
        + (failures.isEmpty() ? "" : ", " + failures.size() + " run failure(s)");
  }
}
