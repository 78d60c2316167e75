package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Goroutines a library starts for a handler (net/http's transport loops for an upstream response body
 * nobody closed) have no frame of the handler's code; the pprof labels the handler set name it.
 * Fixture: gin-lab -leaks upstream-body after 50 GET /api/upstream/items/N?fail=true, goroutine?debug=1.
 */
class PprofLabelSiteTest {

  @Test
  void aStackWithoutUserCodeIsNamedByItsPprofLabels() throws Exception {
    GoroutineDump dump = GoroutineDump.parse(Fixtures.text("goroutine-debug1-upstream-leak.txt"));

    List<SiteGrowth> grown = SiteDiff.goroutines(GoroutineDump.parse("goroutine profile: total 0\n"), dump, 10);

    SiteGrowth readLoop = grown.stream().filter(s -> s.function().startsWith("net/http.(*persistConn).readLoop"))
        .findFirst().orElseThrow(() -> new AssertionError(grown.toString()));
    assertEquals("net/http.(*persistConn).readLoop [pprof labels leakyFunc=main.(*upstream).leakyUpstreamProxy]",
        readLoop.function());
    assertEquals(50, readLoop.growth());
    assertEquals("top growth: net/http.(*persistConn).readLoop [pprof labels "
        + "leakyFunc=main.(*upstream).leakyUpstreamProxy] (transport.go:2450) +50 goroutines",
        TopGrowth.clause(readLoop));
    // The upstream server's side of each leaked connection has no labels: named where it started.
    assertEquals(50, grown.stream().filter(s -> s.function().equals("net/http.(*conn).serve"))
        .mapToLong(SiteGrowth::growth).sum());
  }

  @Test
  void onATieTheSiteNamedByLabelsComesFirst() throws Exception {
    GoroutineDump dump = GoroutineDump.parse(Fixtures.text("goroutine-debug1-upstream-leak.txt"));
    List<SiteGrowth> grown = SiteDiff.goroutines(GoroutineDump.parse("goroutine profile: total 0\n"), dump, 10);
    // readLoop, writeLoop and the upstream's conn.serve each grew by 50; the labelled ones say whose they are.
    assertEquals(true, grown.get(0).function().contains("[pprof labels leakyFunc=main.(*upstream).leakyUpstreamProxy]"),
        grown.toString());
  }

  @Test
  void aStackWithUserCodeKeepsItsOwnFrame() {
    StackFrame user = new StackFrame("main.handler", "/src/app/handler.go", 12);
    assertEquals(new Site("main.handler", "handler.go:12"), SiteRule.siteOf(List.of(user), "{\"a\":\"b\"}"));
  }
}
