package io.ginpreflight.verdict;

import io.ginpreflight.model.IdleNoise;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.Signal;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.RateCheck;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.watch.Probe;
import io.ginpreflight.watch.ProbeProfiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The probes the judge has been given so far and how each phase ended, as the run decided it: the probes a
 * window is judged from and at (a phase that ran extra rounds, or took a second look, closed at a probe the
 * plan could not fix in advance), and what the readings say of the target's noise and of a count's jitter.
 */
final class ProbesSoFar {

  /** How a phase ended: the probe its checks were judged at, and the rounds that ran. */
  record Closed(int probe, int roundsRun) {}

  private final RunPlan plan;
  private final Supplier<Optional<ProbeReading>> idle;
  private final Map<Integer, Probe> probes = new ConcurrentHashMap<>();
  private final Map<String, Closed> closed = new ConcurrentHashMap<>();
  /** The probe after which the next phase's load starts, when it is not the phase's closing one (an attribution). */
  private final Map<String, Integer> resumedAfter = new ConcurrentHashMap<>();

  ProbesSoFar(RunPlan plan, Supplier<Optional<ProbeReading>> idle) {
    this.plan = plan;
    this.idle = idle;
  }

  /** Keeps a probe, with its profiles only where the plan diffs them. */
  void keep(int index, Probe probe) {
    probes.put(index, plan.keepsProfiles(index) ? probe : new Probe(probe.reading(), ProbeProfiles.NONE));
  }

  Probe get(int index) {
    return probes.get(index);
  }

  ProbeProfiles profiles(int index) {
    return Optional.ofNullable(probes.get(index)).map(Probe::profiles).orElse(ProbeProfiles.NONE);
  }

  void close(PhaseWindow window, int probe, int roundsRun) {
    closed.put(window.phase(), new Closed(probe, roundsRun));
  }

  /** The phase's attribution rounds ran after its closing probe: the next phase starts after {@code probe}. */
  void resumeAfter(PhaseWindow window, int probe) {
    resumedAfter.put(window.phase(), probe);
  }

  Optional<Closed> closed(PhaseWindow window) {
    return Optional.ofNullable(closed.get(window.phase()));
  }

  /** The probe growth is judged from: with rounds the probe after round 1 (warm-up), else the opening one. */
  int baselineOf(PhaseWindow window) {
    return window.rounds() > 1 ? window.baselineProbe() : openingOf(window);
  }

  /** The probe before a window's first round: the previous window's last, as it was decided. */
  int openingOf(PhaseWindow window) {
    int at = plan.windows().indexOf(window);
    if (at <= 0) {
      return window.openingProbe();
    }
    String previous = plan.windows().get(at - 1).phase();
    Integer resumed = resumedAfter.get(previous);
    if (resumed != null) {
      return resumed;
    }
    Closed before = closed.get(previous);
    return before == null ? window.openingProbe() : before.probe();
  }

  /** How long the round took, probe to probe: what another round is expected to cost. */
  Duration roundTook(PhaseWindow window, int round) {
    Probe after = probes.get(window.probeAfter(round));
    Probe before = round > 1 ? probes.get(window.probeAfter(round - 1)) : probes.get(openingOf(window));
    if (after == null || before == null) {
      return Duration.ZERO;
    }
    return Duration.between(before.reading().takenAt(), after.reading().takenAt());
  }

  RatePoints points(RequestCounts requests) {
    return new RatePoints(probe -> Optional.ofNullable(probes.get(probe)).map(Probe::reading), requests);
  }

  /** The spread of one reading: the target's measured idle noise, never below the configured floor. */
  double noise(RateCheck check) {
    Optional<ProbeReading> before = idle.get();
    Probe first = probes.get(0);
    double measured = before.isEmpty() || first == null ? 0
        : IdleNoise.between(before.get(), first.reading()).spreadOf(check.kind().signal());
    return Math.max(check.noiseFloor(), measured);
  }

  /**
   * How many goroutines a count moves at rest, whole: the two idle probes' difference, never below one (an
   * idle keep-alive connection's goroutine comes and goes). One step within it never fails a run alone.
   */
  double jitter() {
    Optional<ProbeReading> before = idle.get();
    Probe first = probes.get(0);
    if (before.isEmpty() || first == null) {
      return 1;
    }
    Measurement difference = IdleNoise.between(before.get(), first.reading()).goroutineDifference();
    return Math.max(1, difference.isMeasured() ? difference.value() : 0);
  }

  /**
   * The jitter at rest, or more when the phase's own readings between rounds showed more: a count that rose
   * and fell back (or fell and rose back) between three probes in a row moved by that much with nothing
   * retained, as timers and keep-alive connections do. A count that only fell (goroutines left from an
   * earlier phase ending) shows no jitter.
   */
  double jitter(PhaseWindow window, int throughRound) {
    List<Long> counts = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    at.add(baselineOf(window));
    for (int round = window.rounds() > 1 ? 2 : 1; round <= throughRound; round++) {
      at.add(window.probeAfter(round));
    }
    for (int probe : at) {
      Probe taken = probes.get(probe);
      Measurement m = taken == null ? Measurement.failed("not taken") : taken.reading().get(Signal.GOROUTINES);
      if (m.isMeasured()) {
        counts.add(m.value());
      }
    }
    double moved = 0;
    for (int i = 1; i + 1 < counts.size(); i++) {
      long a = counts.get(i - 1);
      long b = counts.get(i);
      long c = counts.get(i + 1);
      if ((b > a && c < b) || (b < a && c > b)) {
        moved = Math.max(moved, Math.min(Math.abs(b - a), Math.abs(c - b)));
      }
    }
    return Math.max(jitter(), moved);
  }

  /** How much a signal rose between two readings; 0 when it fell or either was not measured. */
  static long growth(ProbeReading from, ProbeReading to, Signal signal) {
    Measurement a = from.get(signal);
    Measurement b = to.get(signal);
    return a.isMeasured() && b.isMeasured() ? Math.max(0, b.value() - a.value()) : 0;
  }
}
