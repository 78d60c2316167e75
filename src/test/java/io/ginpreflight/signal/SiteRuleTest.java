package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SiteRuleTest {

  // Function names and files as runtime/pprof printed them in the gin-lab captures.
  private static final StackFrame MALLOC = new StackFrame("runtime.mallocgc", "/usr/local/go/src/runtime/malloc.go", 1150);
  private static final StackFrame MAPS = new StackFrame("internal/runtime/maps.newarray", "/usr/local/go/src/internal/runtime/maps/table.go", 90);
  private static final StackFrame JSON = new StackFrame("encoding/json.(*decodeState).object", "/usr/local/go/src/encoding/json/decode.go", 700);
  private static final StackFrame GIN = new StackFrame("github.com/gin-gonic/gin.(*Context).Next", "/root/go/pkg/mod/github.com/gin-gonic/gin@v1.12.0/context.go", 192);
  private static final StackFrame HANDLER = new StackFrame("main.getItem", "/work/wt-lab/gin-lab/routes_items.go", 27);
  private static final StackFrame MODULE = new StackFrame("github.com/acme/shop/upload.(*Store).save", "/src/shop/upload/store.go", 41);
  private static final StackFrame SERVE = new StackFrame("net/http.(*conn).serve", "/usr/local/go/src/net/http/server.go", 2067);

  @Test
  void firstUserFrameWinsOverLibrariesAndStandardLibrary() {
    // GIVEN an allocation made by encoding/json and gin on behalf of a handler
    // WHEN its site is chosen
    // THEN the handler is named, with the base name of its file
    assertEquals(new Site("main.getItem", "routes_items.go:27"), SiteRule.siteOf(List.of(MALLOC, JSON, GIN, HANDLER, SERVE)));
  }

  @Test
  void modulePackagesAreUserCode() {
    assertTrue(SiteRule.isUserCode(MODULE));
    assertTrue(SiteRule.isUserCode(HANDLER));
    assertFalse(SiteRule.isUserCode(GIN));
    assertFalse(SiteRule.isUserCode(JSON));
    assertFalse(SiteRule.isUserCode(MAPS));
    assertEquals("github.com/acme/shop/upload", MODULE.packagePath());
    assertEquals("net/http", SERVE.packagePath());
  }

  @Test
  void withoutUserCodeTheFirstFrameOutsideTheRuntimeIsNamed() {
    // GIVEN a goroutine of net/http alone, below runtime frames
    // WHEN its site is chosen
    // THEN the first non-runtime frame is named
    assertEquals(new Site("net/http.(*conn).serve", "server.go:2067"), SiteRule.siteOf(List.of(MALLOC, MAPS, SERVE)));
  }

  @Test
  void runtimeOnlyStacksAndEmptyStacksStillHaveASite() {
    assertEquals(new Site("runtime.mallocgc", "malloc.go:1150"), SiteRule.siteOf(List.of(MALLOC, MAPS)));
    assertEquals(Site.UNKNOWN, SiteRule.siteOf(List.of()));
  }
}
