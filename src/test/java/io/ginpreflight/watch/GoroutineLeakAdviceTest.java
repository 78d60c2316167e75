package io.ginpreflight.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoroutineLeakAdviceTest {

  private static final String ROOT = "http://127.0.0.1:6060/debug/pprof";
  private static final String NOT_FOUND = ROOT + "/goroutineleak?debug=1 answered HTTP 404";

  @Test
  void aGoThatHasTheProfileButA404IsTheGinContribRouteListAndGetsTheLineThatAddsIt() {
    // GIVEN the build info of Go 1.27, and of Go 1.26 built with the experiment
    for (String go : new String[] {"go1.27.3", "go1.26.8 X:goroutineleakprofile"}) {
      assertEquals("the service's Go (" + go + ") has the profile, but /debug/pprof/goroutineleak is not routed: "
          + "gin-contrib/pprof registers a fixed list without it; add r.GET(\"/debug/pprof/goroutineleak\", "
          + "gin.WrapH(pprof.Handler(\"goroutineleak\"))) with net/http/pprof; the goroutine count is judged either way",
          GoroutineLeakAdvice.of(Optional.of(go), ROOT, NOT_FOUND));
    }
  }

  @Test
  void theRouteFollowsThePrefixTheServiceUses() {
    assertEquals(true, GoroutineLeakAdvice.of(Optional.of("go1.27.3"), "http://127.0.0.1:9090/admin/pprof", NOT_FOUND)
        .contains("r.GET(\"/admin/pprof/goroutineleak\""));
  }

  @Test
  void aGoWithoutTheProfileIsToldHowToBuildIt() {
    assertEquals("the service's Go (go1.26.8) has the profile only when built with GOEXPERIMENT=goroutineleakprofile; "
        + "Go 1.27 has it standard; the goroutine count is judged either way",
        GoroutineLeakAdvice.of(Optional.of("go1.26.8"), ROOT, NOT_FOUND));
    assertEquals("the service's Go (go1.25.4) has no such profile: build it with Go 1.27 (standard there) or Go 1.26 "
        + "with GOEXPERIMENT=goroutineleakprofile; the goroutine count is judged either way",
        GoroutineLeakAdvice.of(Optional.of("go1.25.4"), ROOT, NOT_FOUND));
  }

  @Test
  void aRemoteTargetWhoseGoIsUnknownIsToldBoth() {
    assertEquals("build the service with Go 1.27 (standard there) or Go 1.26 with GOEXPERIMENT=goroutineleakprofile; a "
        + "Gin router serving pprof through gin-contrib/pprof also needs r.GET(\"/debug/pprof/goroutineleak\", "
        + "gin.WrapH(pprof.Handler(\"goroutineleak\"))) with net/http/pprof; the goroutine count is judged either way",
        GoroutineLeakAdvice.of(Optional.empty(), ROOT, NOT_FOUND));
  }
}
