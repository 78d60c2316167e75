package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.testkit.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoroutineDumpTest {

  private static final String DEBUG1_AFTER = Fixtures.text("goroutine-debug1-after.txt");
  private static final String DEBUG2_AFTER = Fixtures.text("goroutine-debug2-after.txt");
  private static final Site DELIVERER = new Site("main.leakyNotifyDeliver", "leak_blocked_goroutine.go:60");
  private static final long PARKED = Fixtures.WARMUP_NOTIFIES + Fixtures.LEAK_NOTIFIES;

  @Test
  void debug1GroupsTheParkedDeliverersAtTheirSend() throws SignalUnavailable {
    // GIVEN goroutine?debug=1 after 1050 notifies in all, each leaving its deliverer parked
    // WHEN it is parsed
    GoroutineDump dump = GoroutineDump.parse(DEBUG1_AFTER);

    // THEN the deliverers' send is the largest site, with exactly one goroutine per notify
    Map.Entry<Site, Long> largest = dump.countBySite().entrySet().iterator().next();
    assertEquals(Map.entry(DELIVERER, PARKED), largest);
    assertEquals(Long.parseLong(DEBUG1_AFTER.lines().findFirst().orElseThrow().replaceAll("\\D", "")), dump.total());
    // debug=1 says nothing of states
    assertEquals(Map.of(), dump.statesAt(DELIVERER));
  }

  @Test
  void debug2GivesTheSameSiteWithStateAndWait() throws SignalUnavailable {
    // GIVEN goroutine?debug=2 taken after the deliverers had been parked over a minute, GC'd once
    // WHEN it is parsed
    GoroutineDump dump = GoroutineDump.parse(DEBUG2_AFTER);

    // THEN the site agrees with debug=1, and each deliverer is blocked in a channel send for 1 minute
    assertEquals(PARKED, dump.countBySite().get(DELIVERER));
    assertEquals(Map.of("chan send", PARKED), dump.statesAt(DELIVERER));
    assertEquals(1, dump.longestWaitMinutesAt(DELIVERER));
    assertEquals(DEBUG2_AFTER.lines().filter(line -> line.startsWith("goroutine ")).count(), dump.total());
  }

  @Test
  void debug2FunctionsLoseTheirArguments() throws SignalUnavailable {
    // GIVEN goroutine?debug=2, whose frames read net/http.(*conn).serve(0x5a76f8141b0, {...})
    // WHEN it is parsed
    GoroutineDump dump = GoroutineDump.parse(DEBUG2_AFTER);

    // THEN the functions are bare names, as in debug=1
    assertTrue(dump.stacks().stream().flatMap(stack -> stack.frames().stream())
        .anyMatch(frame -> frame.function().equals("net/http.(*conn).serve")));
    assertTrue(dump.stacks().stream().flatMap(stack -> stack.frames().stream())
        .noneMatch(frame -> frame.function().endsWith(")") && frame.function().contains("(0x")));
  }

  @Test
  void debug1TruncatedAtAStackIsCaughtByTheTotal() {
    // GIVEN goroutine?debug=1 cut at the start of its second stack
    int secondStack = DEBUG1_AFTER.indexOf("\n\n") + 2;
    String truncated = DEBUG1_AFTER.substring(0, secondStack);

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> GoroutineDump.parse(truncated));

    // THEN the header's total gives it away
    assertEquals("the goroutine profile says total 1060 but its stacks add up to 1050 (truncated?)", problem.getMessage());
  }

  @Test
  void debug1TruncatedInsideAFrameIsNamed() {
    // GIVEN goroutine?debug=1 cut inside the deliverers' frame
    String truncated = Fixtures.cutInside(DEBUG1_AFTER, "main.leakyNotifyDeliver");

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> GoroutineDump.parse(truncated));

    // THEN the half line is named
    assertEquals("goroutine profile line 3 is neither a stack nor a frame: # 0xed4c24 main.leakyNotifyDeliver+0xc4 /wor",
        problem.getMessage());
  }

  @Test
  void debug2TruncatedAfterAFunctionLine() {
    // GIVEN goroutine?debug=2 cut just after a deliverer's function line
    int function = DEBUG2_AFTER.indexOf("main.leakyNotifyDeliver(...)\n");
    String truncated = DEBUG2_AFTER.substring(0, DEBUG2_AFTER.indexOf('\n', function) + 1);

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> GoroutineDump.parse(truncated));

    // THEN the cut is reported where the text ends
    assertEquals("the goroutine dump ends at line " + Fixtures.lineOf(DEBUG2_AFTER, "main.leakyNotifyDeliver(...)")
        + " inside a frame (truncated?)", problem.getMessage());
  }

  @Test
  void debug2TruncatedInsideAHeaderIsNamed() {
    // GIVEN goroutine?debug=2 cut inside the header of the first parked deliverer
    String truncated = Fixtures.cutInside(DEBUG2_AFTER, " [chan send, 1 minutes]:");

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> GoroutineDump.parse(truncated));

    // THEN the header line is named
    String half = truncated.substring(truncated.lastIndexOf('\n') + 1);
    assertEquals("goroutine dump line " + Fixtures.lineOf(DEBUG2_AFTER, " [chan send, 1 minutes]:")
        + " is not 'goroutine N [state]:': " + half, problem.getMessage());
    assertTrue(half.startsWith("goroutine "), half);
  }

  @Test
  void otherTextIsNotTakenForAGoroutineDump() {
    // GIVEN a heap profile where a goroutine dump was expected
    String heap = Fixtures.text("heap-debug1-after.txt");

    // WHEN it is parsed as a goroutine dump
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> GoroutineDump.parse(heap));

    // THEN both accepted first lines are named
    assertEquals("goroutine dump line 1 is neither 'goroutine profile: total N' (debug=1) nor "
        + "'goroutine N [state]:' (debug=2): heap profile: 23: 118864 [42: 3554688] @ heap/1048576", problem.getMessage());
  }

  @Test
  void emptyBodyIsSaidToBeEmpty() {
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> GoroutineDump.parse(""));
    assertEquals("the goroutine dump is empty", problem.getMessage());
  }
}
