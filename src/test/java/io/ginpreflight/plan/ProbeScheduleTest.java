package io.ginpreflight.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The distributed timetable: every load step between two probe slots, none overlapping. */
class ProbeScheduleTest {

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  @Test
  void eachStepStartsWhenItsProbeSlotEndsAndTheNextProbeWaitsForItsDrain() {
    // GIVEN a warm-up of 3 s and three rounds of 4 s, 10 s probe slots and a 2 s drain
    ProbeSchedule schedule = ProbeSchedule.of(List.of(s(3), s(4), s(4), s(4)), s(10), s(2));
    // THEN probe 0 follows the opening slot, and each step sits between its two probes' slots
    assertEquals(List.of(s(10), s(25), s(41), s(57), s(73)), schedule.probeAt());
    assertEquals(List.of(s(20), s(35), s(51), s(67)), schedule.loadStartAt());
    for (int step = 0; step < 4; step++) {
      assertEquals(schedule.slotEnd(step), schedule.loadStartAt().get(step));
      assertTrue(schedule.loadEnd(step).compareTo(schedule.loadStartAt().get(step)) > 0);
    }
    assertEquals(s(83), schedule.length());
  }
}
