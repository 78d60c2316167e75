package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.GoModule;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.SiteOrigin;
import io.ginpreflight.testkit.Fixtures;
import java.util.List;
import java.util.Map;
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
    assertEquals("main.leakyRequestJournal", sites.get(5).function());
    assertEquals("top growth: net/textproto.readMIMEHeader (reader.go:592) 1.5 MiB ±614.5 KiB (heap sampled every "
        + "64.0 KiB) in the standard library (go1.26.8), allocated by the library and kept by the service (no frame "
        + "of yours in the allocation stack; objects allocated per request and kept: look for maps or caches keyed "
        + "by requests or contexts); your code that grew most: main.leakyRequestJournal (leak_kept_request.go:32) "
        + "146.8 KiB ±176.8 KiB (within its sampling uncertainty)", HeapTopGrowth.clause(sites).orElseThrow());
  }

  @Test
  void aSiteInTheServicesCodeLeadsWithItsSamplingUncertainty() throws SignalUnavailable {
    // GIVEN heap?debug=1 before and after 2000 requests through global-map, sampled every 512 KiB
    List<SiteGrowth> sites = HeapSites.growing(profile("heap-debug1-before.txt"), profile("heap-debug1-after.txt"),
        new SiteContext(GIN_LAB, Map.of()), 5);

    // THEN the audit record's make() leads, 18 samples scaled as pprof scales them, ± 1.96 sigma of 18 samples
    assertEquals("top growth: main.setupRouter.(*lab).requestScopeMiddleware.leakyGlobalMapMiddleware.func10 "
        + "(leak_global_map.go:26) 9.0 MiB ±4.2 MiB (heap sampled every 512.0 KiB)",
        HeapTopGrowth.clause(sites).orElseThrow());
    assertEquals(SiteOrigin.OWN_CODE, sites.get(0).heap().origin());
    assertEquals("github.com/gin-preflight/gin-lab (devel)", sites.get(0).heap().module());
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
