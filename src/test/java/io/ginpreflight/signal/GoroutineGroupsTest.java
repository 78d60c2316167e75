package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ginpreflight.model.GoroutineGroup;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixtures from capture-sites.sh: gin-lab built with GOEXPERIMENT=goroutineleakprofile, 40 leaky notifies,
 * 40 upstream calls answered 503 whose bodies stay open, parked 65 s; the goroutineleak profile was read
 * before each debug=2 dump, so the proved ones say "(leaked)".
 */
class GoroutineGroupsTest {

  private static final String BEFORE = Fixtures.text("goroutine-sites-debug2-before.txt");
  private static final String AFTER = Fixtures.text("goroutine-sites-debug2-after.txt");

  private static List<GoroutineGroup> grown(List<SiteGrowth> labelled) throws SignalUnavailable {
    return GoroutineGroups.grown(GoroutineDump.parse(BEFORE), GoroutineDump.parse(AFTER), labelled, 5);
  }

  @Test
  void theGoroutineLeakProfileCountsOnlyWhatTheRuntimeProved() throws SignalUnavailable {
    // GIVEN goroutineleak?debug=1 before and after: 5 warm-up and 40 more deliverers parked for good, while
    // the 40 stuck upstream connections wait on I/O the GC cannot prove unreachable
    GoroutineDump before = GoroutineDump.parse(Fixtures.text("goroutineleak-debug1-before.txt"));
    GoroutineDump after = GoroutineDump.parse(Fixtures.text("goroutineleak-debug1-after.txt"));

    // THEN it names the deliverers alone, with their 40 more
    assertEquals(5, before.total());
    assertEquals(List.of(new SiteGrowth("main.leakyNotifyDeliver", "leak_blocked_goroutine.go:77", 5, 45,
        io.ginpreflight.model.Unit.COUNT)), SiteDiff.goroutines(before, after, 5));
  }

  @Test
  void theParkedDeliverersAreOneGroupWithTheirStateProofAndCreator() throws SignalUnavailable {
    // WHEN the dumps around the 40 leaky notifies are grouped
    GoroutineGroup top = grown(List.of()).get(0);

    // THEN the deliverers lead, with their state, the runtime's proof and the go statement that started them
    assertEquals("+40 goroutines blocked in chan send at main.leakyNotifyDeliver (leak_blocked_goroutine.go:77), "
        + "proved leaked by the runtime, created by main.leakyNotifyHandler (leak_blocked_goroutine.go:70)",
        top.sentence());
    assertEquals(List.of("main.leakyNotifyDeliver (leak_blocked_goroutine.go:77)"), top.stack());
  }

  @Test
  void libraryGoroutinesSayHowLongTheyWaitedAndWhoStartedThem() throws SignalUnavailable {
    // WHEN the same dumps are grouped, with the labelled site debug=1 gives net/http's read loop (as in
    // goroutine-debug1-upstream-leak.txt)
    List<SiteGrowth> labelled = List.of(new SiteGrowth(
        "net/http.(*persistConn).readLoop [pprof labels leakyFunc=main.(*upstream).leakyUpstreamProxy]",
        "transport.go:2450", 2, 42, io.ginpreflight.model.Unit.COUNT));
    List<GoroutineGroup> groups = grown(labelled);

    // THEN the upstream connections' read loops are a group of their own, parked over a minute, and carry
    // the label that names the handler
    GoroutineGroup readLoop = groups.stream().filter(g -> g.function().equals("net/http.(*persistConn).readLoop"))
        .findFirst().orElseThrow(() -> new AssertionError(groups.toString()));
    assertEquals("+40 goroutines blocked in select for at least 1 minute at net/http.(*persistConn).readLoop "
        + "(transport.go:2450) [pprof labels leakyFunc=main.(*upstream).leakyUpstreamProxy], created by "
        + "net/http.(*Transport).dialConn (transport.go:1994)", readLoop.sentence());
    assertEquals(List.of("net/http.(*persistConn).readLoop (transport.go:2450)"), readLoop.stack());
  }

  @Test
  void aLabelledLibraryGroupLeadsOverALargerOneThatNamesNothingOfTheService() throws SignalUnavailable {
    // GIVEN the upstream leak's dumps, whose labelled read loops grew 40 like the upstream's own server loops
    List<SiteGrowth> labelled = List.of(new SiteGrowth(
        "net/http.(*persistConn).readLoop [pprof labels leakyFunc=main.(*upstream).leakyUpstreamProxy]",
        "transport.go:2450", 2, 42, io.ginpreflight.model.Unit.COUNT));
    // WHEN grouped with the deliverers left out (as in a run of the upstream leak alone)
    GoroutineDump before = GoroutineDump.parse(BEFORE);
    GoroutineDump after = GoroutineDump.parse(AFTER);
    List<GoroutineGroup> groups = GoroutineGroups.grown(withoutDeliverers(before), withoutDeliverers(after),
        labelled, 5);
    // THEN the group that names the handler leads
    assertEquals("net/http.(*persistConn).readLoop", groups.get(0).function(), groups.toString());
    assertEquals("leakyFunc=main.(*upstream).leakyUpstreamProxy", groups.get(0).pprofLabels());
  }

  private static GoroutineDump withoutDeliverers(GoroutineDump dump) {
    List<GoroutineStack> kept = dump.stacks().stream()
        .filter(s -> s.frames().stream().noneMatch(f -> f.function().equals("main.leakyNotifyDeliver"))).toList();
    return new GoroutineDump(kept.size(), kept);
  }
}
