package io.ginpreflight.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The distributed run's fixed timetable, counted from the run's start and the same on every generator:
 * an opening slot (the probing generator starts watching and reads the idle probe), then for every
 * probe a slot without load, and between two probes one load step (a phase round) for its injection
 * time plus a drain. Chaining with {@code andThen} cannot do this: it orders populations inside one JVM
 * only, so a generator without the probe user would start its next step at once. Immutable.
 *
 * @param probeAt when each probe starts, probe 0 first
 * @param loadStartAt when each load step's injection starts, step 0 first
 * @param probeSlot how long each probe may take before the next step's load starts
 */
public record ProbeSchedule(List<Duration> probeAt, List<Duration> loadStartAt, Duration probeSlot) {

  public ProbeSchedule {
    probeAt = List.copyOf(probeAt);
    loadStartAt = List.copyOf(loadStartAt);
    if (probeAt.size() != loadStartAt.size() + 1) {
      throw new IllegalArgumentException("A schedule has one probe more than load steps, got " + probeAt.size()
          + " probes for " + loadStartAt.size() + " steps.");
    }
  }

  /**
   * @param injectionTimes how long each load step injects users, in run order
   * @param drain added to each step, for the journeys still running when its injection ends
   */
  public static ProbeSchedule of(List<Duration> injectionTimes, Duration probeSlot, Duration drain) {
    List<Duration> probes = new ArrayList<>();
    List<Duration> loads = new ArrayList<>();
    // The opening slot: no probe reads the target before the watch has begun and the idle probe is read.
    Duration next = probeSlot;
    probes.add(next);
    for (Duration injection : injectionTimes) {
      Duration loadStart = next.plus(probeSlot);
      loads.add(loadStart);
      next = loadStart.plus(injection).plus(drain);
      probes.add(next);
    }
    return new ProbeSchedule(probes, loads, probeSlot);
  }

  /** When the slot of a probe ends: the next step's load starts then on every generator. */
  public Duration slotEnd(int probe) {
    return probeAt.get(probe).plus(probeSlot);
  }

  /** When the last step's drain ends; the last probe follows. */
  public Duration loadEnd(int step) {
    return probeAt.get(step + 1);
  }

  /** The whole timetable, from the start to the end of the last probe's slot. */
  public Duration length() {
    return slotEnd(probeAt.size() - 1);
  }
}
