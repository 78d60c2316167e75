package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ginpreflight.testkit.Fixtures;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemStatsBlockTest {

  @Test
  void fieldsOfTheBlockAreRead() throws SignalUnavailable {
    // GIVEN the MemStats block at the end of heap?debug=1
    MemStatsBlock block = MemStatsBlock.parse(Fixtures.text("heap-debug1-after.txt"));

    // WHEN fields are read
    // THEN numbers come back, and lines that are not one number (Stack = a / b, PauseNs = [...]) do not
    assertEquals(block.require("Alloc"), block.require("HeapAlloc"));
    assertEquals(OptionalLong.empty(), block.get("Stack"));
    assertEquals(OptionalLong.empty(), block.get("PauseNs"));
  }

  @Test
  void textWithoutTheBlockIsRefused() {
    SignalUnavailable problem = assertThrows(SignalUnavailable.class,
        () -> MemStatsBlock.parse(Fixtures.text("goroutine-debug1-after.txt")));
    assertEquals("the heap profile has no '# runtime.MemStats' block (is this /debug/pprof/heap?debug=1 of a Go program?)",
        problem.getMessage());
  }

  @Test
  void missingFieldIsNamed() throws SignalUnavailable {
    MemStatsBlock block = MemStatsBlock.parse(Fixtures.text("heap-debug1-after.txt"));
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> block.require("PauseNs"));
    assertEquals("the heap profile's MemStats block has no numeric PauseNs line", problem.getMessage());
  }
}
