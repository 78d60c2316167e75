package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.Unit;
import io.ginpreflight.testkit.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteDiffTest {

  private static final String GLOBAL_MAP =
      "main.setupRouter.(*lab).requestScopeMiddleware.leakyGlobalMapMiddleware.func10";

  @Test
  void goroutineGrowthNamesTheDeliverersAndCountsEveryNotify() throws SignalUnavailable {
    // GIVEN goroutine?debug=1 before and after 1000 leaky notifies
    GoroutineDump before = GoroutineDump.parse(Fixtures.text("goroutine-debug1-before.txt"));
    GoroutineDump after = GoroutineDump.parse(Fixtures.text("goroutine-debug1-after.txt"));

    // WHEN the growing sites are listed
    List<SiteGrowth> growing = SiteDiff.goroutines(before, after, 5);

    // THEN the deliverers lead, grown by exactly one goroutine per notify, and the message says so
    SiteGrowth top = growing.get(0);
    assertEquals(new SiteGrowth("main.leakyNotifyDeliver", "leak_blocked_goroutine.go:60",
        Fixtures.WARMUP_NOTIFIES, Fixtures.WARMUP_NOTIFIES + Fixtures.LEAK_NOTIFIES, Unit.COUNT), top);
    assertEquals(Optional.of("top growth: main.leakyNotifyDeliver (leak_blocked_goroutine.go:60) +1000 goroutines"),
        TopGrowth.clause(growing));
  }

  @Test
  void debug2DumpsGiveTheSameGoroutineGrowth() throws SignalUnavailable {
    // GIVEN goroutine?debug=2 before and after the same phase
    GoroutineDump before = GoroutineDump.parse(Fixtures.text("goroutine-debug2-before.txt"));
    GoroutineDump after = GoroutineDump.parse(Fixtures.text("goroutine-debug2-after.txt"));

    // WHEN the growing sites are listed
    // THEN the top one reads as from debug=1
    assertEquals(Optional.of("top growth: main.leakyNotifyDeliver (leak_blocked_goroutine.go:60) +1000 goroutines"),
        TopGrowth.clause(SiteDiff.goroutines(before, after, 1)));
  }

  @Test
  void heapGrowthNamesTheGlobalMapMiddleware() throws SignalUnavailable {
    // GIVEN heap?debug=1 before and after 2000 requests through the leaky middleware
    HeapProfileText before = HeapProfileText.parse(Fixtures.text("heap-debug1-before.txt"));
    HeapProfileText after = HeapProfileText.parse(Fixtures.text("heap-debug1-after.txt"));

    // WHEN the growing sites are listed
    List<SiteGrowth> growing = SiteDiff.heap(before, after, 3);

    // THEN the make() of the audit record leads: none was sampled before (100 warm-up requests give
    // 0.8 samples on average), 18 after, which pprof scales to 9474095 B
    assertEquals(new SiteGrowth(GLOBAL_MAP, "leak_global_map.go:26", 0, 9474095, Unit.BYTES), growing.get(0));
    assertEquals("top growth: " + GLOBAL_MAP + " (leak_global_map.go:26) 9.0 MiB", TopGrowth.clause(growing.get(0)));
    assertTrue(growing.size() <= 3);
  }

  @Test
  void onlyGrowthIsListedLargestFirst() throws SignalUnavailable {
    // GIVEN the same two heap profiles the other way round: the phase "freed" the leak
    HeapProfileText before = HeapProfileText.parse(Fixtures.text("heap-debug1-before.txt"));
    HeapProfileText after = HeapProfileText.parse(Fixtures.text("heap-debug1-after.txt"));

    // WHEN the growing sites are listed
    List<SiteGrowth> reversed = SiteDiff.heap(after, before, 10);
    List<SiteGrowth> forward = SiteDiff.heap(before, after, 10);

    // THEN the global map is not among them, and every listing is by growth, positive only
    assertTrue(reversed.stream().noneMatch(site -> site.function().equals(GLOBAL_MAP)), reversed.toString());
    for (List<SiteGrowth> sites : List.of(reversed, forward)) {
      for (int i = 0; i < sites.size(); i++) {
        assertTrue(sites.get(i).growth() > 0);
        assertTrue(i == 0 || sites.get(i - 1).growth() >= sites.get(i).growth());
      }
    }
  }

  @Test
  void sameProfileTwiceHasNoGrowthToName() throws SignalUnavailable {
    // GIVEN one goroutine dump compared with itself
    GoroutineDump dump = GoroutineDump.parse(Fixtures.text("goroutine-debug1-after.txt"));

    // WHEN the growing sites are listed
    List<SiteGrowth> growing = SiteDiff.goroutines(dump, dump, 5);

    // THEN there is nothing, and no clause
    assertEquals(List.of(), growing);
    assertEquals(Optional.empty(), TopGrowth.clause(growing));
  }

  @Test
  void negativeLimitIsRefused() throws SignalUnavailable {
    GoroutineDump dump = GoroutineDump.parse(Fixtures.text("goroutine-debug1-after.txt"));
    IllegalArgumentException problem =
        assertThrows(IllegalArgumentException.class, () -> SiteDiff.goroutines(dump, dump, -1));
    assertEquals("limit must not be negative, was -1", problem.getMessage());
  }
}
