package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.testkit.Fixtures;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeapProfileTextTest {

  private static final String BEFORE = Fixtures.text("heap-debug1-before.txt");
  private static final String AFTER = Fixtures.text("heap-debug1-after.txt");

  @Test
  void samplingRateIsHalfTheHeaderRate() throws SignalUnavailable {
    // GIVEN a heap profile, whose header says heap/1048576 for the default 512 KiB rate
    // WHEN it is parsed
    HeapProfileText profile = HeapProfileText.parse(AFTER);

    // THEN the rate is the runtime's MemProfileRate, as pprof reads it
    assertEquals(512 * 1024, profile.samplingRate());
  }

  @Test
  void largestSiteIsTheGlobalMapMiddleware() throws SignalUnavailable {
    // GIVEN the heap after 2000 leaky requests
    // WHEN in-use bytes are grouped by site
    Map.Entry<Site, Long> largest = HeapProfileText.parse(AFTER).inuseBytesBySite().entrySet().iterator().next();

    // THEN the make() in the middleware leads, named past gin's frames; the closure's name is the
    // one the compiler gave it when inlining into setupRouter, as pprof shows it too
    assertEquals(new Site("main.setupRouter.(*lab).requestScopeMiddleware.leakyGlobalMapMiddleware.func10",
        "leak_global_map.go:26"), largest.getKey());
    // the same bytes `go tool pprof -top -lines -unit=B heap-after.pb.gz` gives for that line
    assertEquals(9474095L, largest.getValue());
  }

  @Test
  void everyRecordIsReadWithItsFrames() throws SignalUnavailable {
    // GIVEN the heap profile text
    // WHEN it is parsed
    HeapProfileText profile = HeapProfileText.parse(AFTER);

    // THEN there is one record per record line, and the sampled totals add up to the header's
    Matcher header = Pattern.compile("^heap profile: (\\d+): (\\d+) ").matcher(AFTER);
    assertTrue(header.find());
    assertEquals(AFTER.lines().filter(line -> line.matches("^\\d+: \\d+ \\[.*")).count(), profile.records().size());
    assertEquals(Long.parseLong(header.group(1)), profile.records().stream().mapToLong(HeapRecord::inuseObjects).sum());
    assertEquals(Long.parseLong(header.group(2)), profile.records().stream().mapToLong(HeapRecord::inuseBytes).sum());
    assertTrue(profile.records().stream().allMatch(record -> !record.frames().isEmpty()));
  }

  @Test
  void memStatsBlockComesAlong() throws SignalUnavailable {
    // GIVEN the heap profile text, which ends with runtime.MemStats read before the profile
    // WHEN it is parsed
    HeapProfileText profile = HeapProfileText.parse(AFTER);

    // THEN HeapAlloc is the block's line
    Matcher heapAlloc = Pattern.compile("\n# HeapAlloc = (\\d+)\n").matcher(AFTER);
    assertTrue(heapAlloc.find());
    assertEquals(Long.parseLong(heapAlloc.group(1)), profile.memStats().require("HeapAlloc"));
  }

  @Test
  void growthIsInTheBandTheRequestCountAllows() throws SignalUnavailable {
    // GIVEN the heap before and after 2000 requests that each keep a 4 KiB record (7.8 MiB)
    long before = siteBytes(HeapProfileText.parse(BEFORE));
    long after = siteBytes(HeapProfileText.parse(AFTER));

    // WHEN the middleware's growth is taken
    long growth = after - before;

    // THEN it is 7.8 MiB give or take sampling: a 4 KiB object is sampled with probability
    // 1 - e^(-4096/524288) = 0.78 %, so 2000 of them give Poisson(15.6) samples of ~514 KiB each.
    // 5 to 28 samples (2.5 to 14.5 MiB) covers 99.8 % of captures; the fixture is one of them.
    assertTrue(growth >= 2.5 * 1024 * 1024 && growth <= 14.5 * 1024 * 1024, "growth " + growth);
  }

  private static long siteBytes(HeapProfileText profile) {
    return profile.inuseBytesBySite().entrySet().stream()
        .filter(entry -> entry.getKey().location().equals("leak_global_map.go:26"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  @Test
  void truncatedFrameLineIsNamed() {
    // GIVEN the capture cut inside the first frame of limitBody's closure
    String truncated = Fixtures.cutInside(AFTER, "main.setupRouter.limitBody.func");

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> HeapProfileText.parse(truncated));

    // THEN the half line is named, tabs shown as spaces
    assertEquals("heap profile line 53 is neither a record nor a frame: # 0xedfe2b main.setupRouter.limitBody.func9+",
        problem.getMessage());
  }

  @Test
  void profileWithoutMemStatsIsTruncated() {
    // GIVEN the capture cut just before its MemStats block, at a record boundary
    String truncated = AFTER.substring(0, AFTER.indexOf("# runtime.MemStats"));

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> HeapProfileText.parse(truncated));

    // THEN the missing block is named
    assertEquals("the heap profile ends at line " + truncated.split("\n", -1).length
        + " without its '# runtime.MemStats' block (truncated?)", problem.getMessage());
  }

  @Test
  void otherTextIsNotTakenForAHeapProfile() {
    // GIVEN the metrics page where the heap profile was expected
    String metrics = Fixtures.text("metrics-after.txt");

    // WHEN it is parsed as a heap profile
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> HeapProfileText.parse(metrics));

    // THEN the first line is quoted
    assertEquals("heap profile line 1 is not 'heap profile: N: N [N: N] @ heap/RATE' "
        + "(is this /debug/pprof/heap?debug=1?): # HELP gin_lab_leak_budget_used Resources currently held by "
        + "leaky handlers, b...", problem.getMessage());
  }

  @Test
  void emptyBodyIsSaidToBeEmpty() {
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> HeapProfileText.parse(""));
    assertEquals("the heap profile is empty", problem.getMessage());
  }
}
