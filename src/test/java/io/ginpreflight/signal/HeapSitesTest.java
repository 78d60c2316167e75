package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.GoModule;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.SiteOrigin;
import io.ginpreflight.testkit.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeapSitesTest {

  private static final BuildInfo GIN_LAB = new BuildInfo("go1.26.8",
      new GoModule("github.com/gin-preflight/gin-lab", "(devel)", ""),
      List.of(new GoModule("github.com/gin-gonic/gin", "v1.12.0", "")), "/proc/1/exe", "");

  private static HeapProfileText profile(String name) throws SignalUnavailable {
    return HeapProfileText.parse(Fixtures.text(name));
  }

  @Test
  void requestsKeptByTheServiceAreNamedAtTheLibrarySiteWithTheServicesNearestCode() throws SignalUnavailable {
    // GIVEN gin-lab's kept-request pattern: 4000 served requests, each *http.Request kept in a map
    // (fixtures/capture-kept-request.sh), sampled every 64 KiB
    HeapProfileText before = profile("heap-kept-request-before.txt");
    HeapProfileText after = profile("heap-kept-request-after.txt");

    // WHEN the growing sites are ranked by the service's own code
    List<SiteGrowth> sites = HeapSites.growing(before, after, new SiteContext(GIN_LAB, Map.of()), 5);

    // THEN the largest is net/http's header parsing, a standard-library site whose stack has no frame of
    // gin-lab's, and the map that keeps the requests is named beside it although it is smaller
    SiteGrowth top = sites.get(0);
    assertEquals("net/textproto.readMIMEHeader reader.go:592", top.function() + " " + top.location());
    assertEquals(SiteOrigin.STANDARD_LIBRARY, top.heap().origin());
    assertEquals(0, top.heap().objectsBefore());
    assertTrue(top.heap().objectsAfter() > 4000, "one header map per kept request: " + top.heap().objectsAfter());
    assertTrue(top.heap().stack().stream().noneMatch(f -> f.own()), top.heap().stack().toString());
    assertEquals(6, sites.size());
    SiteGrowth journal = sites.get(5);
    assertEquals("main.leakyRequestJournal", journal.function());
    // The journal's site is two records after (heap-kept-request-after.txt lines 671 and 687), one sample of
    // 18432 B each at one sample per 64 KiB, none before: each scaled by 1/p, p = 1 - e^(-18432/65536), and
    // their variances added: 1.96 * 18432 * sqrt(2 * (1 - p)) / p
    double p = 1 - Math.exp(-18_432.0 / 65_536);
    assertEquals(2 * Math.round(18_432 / p), journal.growth(), 2);
    assertEquals(Math.round(1.96 * 18_432 * Math.sqrt(2 * (1 - p)) / p), journal.heap().uncertaintyBytes());
    // AND the journal, within its sampling uncertainty (146.8 KiB ±176.8 KiB), is not named: it may be noise
    assertEquals("top growth: net/textproto.readMIMEHeader (reader.go:592) 1.5 MiB ±614.5 KiB; heap sampled every "
        + "64.0 KiB; the top site is in the standard library (go1.26.8), allocated by the library and kept by the "
        + "service (no frame of yours in the allocation stack; objects allocated per request and kept: look for maps "
        + "or caches keyed by requests or contexts)", HeapTopGrowth.clause(sites).orElseThrow());
  }

  @Test
  void atOneSamplePer4KiBTheServicesOwnCodeIsNamedBesideTheLibrarySite() throws SignalUnavailable {
    // GIVEN the same pattern sampled every 4 KiB (capture-kept-request.sh with RATE=4096), the rate the suite
    // gives a service it starts
    List<SiteGrowth> sites = HeapSites.growing(profile("heap-kept-request-4k-before.txt"),
        profile("heap-kept-request-4k-after.txt"), new SiteContext(GIN_LAB, Map.of()), 5);

    // THEN the service's own code that grew most is the body limit every kept request holds (its MaxBytesReader),
    // beyond its uncertainty, and is named right after the library's site
    SiteGrowth own = sites.stream().filter(s -> s.heap().origin() == SiteOrigin.OWN_CODE).findFirst()
        .orElseThrow(() -> new AssertionError(sites.toString()));
    assertEquals("main.setupRouter.limitBody.func9", own.function());
    assertTrue(own.beyondSampling(), own.growth() + " ±" + own.heap().uncertaintyBytes());
    String clause = HeapTopGrowth.clause(sites).orElseThrow();
    assertTrue(clause.matches("top growth: net/textproto\\.readMIMEHeader \\(reader\\.go:592\\) [0-9.]+ [KM]iB ±[0-9.]+ "
        + "KiB; your code that grew most: main\\.setupRouter\\.limitBody\\.func9 \\(httperr\\.go:82\\) [0-9.]+ KiB ±[0-9.]+ "
        + "KiB; heap sampled every "
        + "4\\.0 KiB; the top site is in the standard library .*"), clause);
  }

  @Test
  void aSiteInTheServicesCodeLeadsWithItsGrowthAsPprofScalesItAndItsSamplingUncertainty() throws SignalUnavailable {
    // GIVEN heap?debug=1 before and after 2000 requests through global-map, sampled every 512 KiB; the site's
    // one record after (heap-debug1-after.txt line 283) is "18: 73728 [18: 73728]": 18 samples of 4 KiB,
    // none before
    List<SiteGrowth> sites = HeapSites.growing(profile("heap-debug1-before.txt"), profile("heap-debug1-after.txt"),
        new SiteContext(GIN_LAB, Map.of()), 5);
    SiteGrowth top = sites.get(0);

    // THEN it grew what `go tool pprof -top -lines heap-after.pb.gz` shows at leak_global_map.go:26 for the
    // proto captured beside it (9474095 B, HeapSampleTest), and its uncertainty is half the 95 % interval of
    // 18 samples taken with p = 1 - e^(-4096/524288): 1.96 * 4096 * sqrt(18 * (1 - p)) / p
    assertEquals(9_474_095, top.growth());
    double p = 1 - Math.exp(-4096.0 / 524_288);
    assertEquals(Math.round(1.96 * 4096 * Math.sqrt(18 * (1 - p)) / p), top.heap().uncertaintyBytes());
    // AND that interval is the one the runtime's sampling gives: 2313 allocations of 4 KiB (18 / p), each
    // sampled with probability p, estimated as pprof does, hold 95 % of the estimates within it
    assertEquals(top.heap().uncertaintyBytes(), simulatedHalfWidth(2313, 4096, 524_288),
        0.1 * top.heap().uncertaintyBytes());
    assertEquals("top growth: main.setupRouter.(*lab).requestScopeMiddleware.leakyGlobalMapMiddleware.func10 "
        + "(leak_global_map.go:26) 9.0 MiB ±4.2 MiB (heap sampled every 512.0 KiB)",
        HeapTopGrowth.clause(sites).orElseThrow());
    assertEquals(SiteOrigin.OWN_CODE, top.heap().origin());
    assertEquals("github.com/gin-preflight/gin-lab (devel)", top.heap().module());
  }

  /**
   * Half the width of the middle 95 % of the estimates of {@code allocations} objects of {@code size} bytes,
   * each recorded with probability p = 1 - e^(-size/rate) as the runtime records them, and scaled by 1/p as
   * runtime/pprof scales them: a simulation of the sampling, with a fixed seed.
   */
  private static double simulatedHalfWidth(int allocations, int size, long rate) {
    double p = 1 - Math.exp(-(double) size / rate);
    Random random = new Random(20261207L);
    double[] estimates = new double[20_000];
    for (int trial = 0; trial < estimates.length; trial++) {
      int sampled = 0;
      for (int i = 0; i < allocations; i++) {
        sampled += random.nextDouble() < p ? 1 : 0;
      }
      estimates[trial] = sampled * size / p;
    }
    Arrays.sort(estimates);
    return (estimates[(int) (0.975 * estimates.length)] - estimates[(int) (0.025 * estimates.length)]) / 2;
  }

  @Test
  void noSiteBelowItsUncertaintyIsTopGrowth() throws SignalUnavailable {
    // GIVEN the same profiles without their leading site: the rest grew by one 512 KiB sample or so each
    List<SiteGrowth> sites = HeapSites.growing(profile("heap-debug1-before.txt"), profile("heap-debug1-after.txt"),
        new SiteContext(GIN_LAB, Map.of()), 5);
    List<SiteGrowth> rest = sites.subList(1, sites.size());

    // THEN none of them is named top growth
    assertTrue(rest.stream().noneMatch(SiteGrowth::beyondSampling), rest.toString());
    assertTrue(HeapTopGrowth.clause(rest).orElseThrow().startsWith("no allocation site grew beyond its sampling "
        + "uncertainty (largest: main.setupRouter.(*lab).requestScopeMiddleware.leakyGlobalMapMiddleware.func10 "
        + "(leak_global_map.go:30) 532.3 KiB ±1003.3 KiB (heap sampled every 512.0 KiB))"), HeapTopGrowth.clause(rest).get());
  }

  @Test
  void aStackOfRuntimeFramesOnlyIsTheRuntimesNotALibrarys() throws SignalUnavailable {
    // GIVEN the global-map profiles, whose 1000 parked notify goroutines were allocated by the runtime alone
    List<SiteGrowth> sites = HeapSites.growing(profile("heap-debug1-before.txt"), profile("heap-debug1-after.txt"),
        new SiteContext(GIN_LAB, Map.of()), 5);

    SiteGrowth runtime = sites.stream().filter(s -> s.function().equals("(no frames)")).findFirst().orElseThrow();

    assertEquals(SiteOrigin.RUNTIME, runtime.heap().origin());
    assertEquals("the Go runtime (go1.26.8)", runtime.heap().module());
  }

  @Test
  void aKoSiteInAFlaggedModuleSaysSo() throws SignalUnavailable {
    // GIVEN the kept-request profiles read as if net/textproto were a flagged library module
    BuildInfo build = new BuildInfo("go1.26.8", GIN_LAB.main(),
        List.of(new GoModule("net/textproto", "v0.1.0", "")), "/proc/1/exe", "");
    SiteContext context = new SiteContext(build, Map.of("net/textproto", "net/textproto v0.1.0 is flagged"));

    List<SiteGrowth> sites = HeapSites.growing(profile("heap-kept-request-before.txt"),
        profile("heap-kept-request-after.txt"), context, 5);

    assertTrue(HeapTopGrowth.clause(sites).orElseThrow().endsWith("; note: net/textproto v0.1.0 is flagged"),
        HeapTopGrowth.clause(sites).get());
  }
}
