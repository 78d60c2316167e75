package io.ginpreflight.signal;

import java.util.List;

/**
 * Picks the frame a person should look at: the first one in the service's own code. The Go runtime,
 * the standard library and the libraries a Gin service is built on are skipped, because a leak is
 * almost always fixed in the code that called them.
 */
public final class SiteRule {

  // Gin and the libraries it or a typical Gin service pulls in; a frame there is never the fix.
  private static final List<String> LIBRARY_PREFIXES = List.of(
      "github.com/gin-gonic/",
      "github.com/gin-contrib/",
      "github.com/gorilla/",
      "github.com/coder/websocket",
      "github.com/go-playground/",
      "github.com/bytedance/sonic",
      "github.com/goccy/go-json",
      "github.com/json-iterator/",
      "github.com/ugorji/go",
      "github.com/prometheus/",
      "golang.org/x/",
      "google.golang.org/");

  private SiteRule() {}

  /**
   * The first frame in user code; else the goroutine's or allocation's outermost frame outside the
   * runtime (for a stack of only library code, where it started says more than where it waits:
   * {@code net/http.(*conn).serve} rather than {@code internal/poll.runtime_pollWait}); else the first
   * frame. Frames are innermost first, as pprof prints them.
   */
  public static Site siteOf(List<StackFrame> frames) {
    for (StackFrame frame : frames) {
      if (isUserCode(frame)) {
        return Site.of(frame);
      }
    }
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (!isRuntime(frames.get(i))) {
        return Site.of(frames.get(i));
      }
    }
    return frames.isEmpty() ? Site.UNKNOWN : Site.of(frames.get(0));
  }

  /**
   * As {@link #siteOf(List)}, but a stack with no frame of user code (a goroutine of net/http's
   * transport, say) is named by the pprof labels its goroutine carries, when it has any: handlers that
   * set labels with pprof.Do are then named even for goroutines the library started on their behalf.
   */
  public static Site siteOf(List<StackFrame> frames, String pprofLabels) {
    Site site = siteOf(frames);
    boolean hasUserFrame = frames.stream().anyMatch(SiteRule::isUserCode);
    if (hasUserFrame || pprofLabels.isBlank()) {
      return site;
    }
    return new Site(site.function() + " [pprof labels " + readable(pprofLabels) + "]", site.location());
  }

  /** Whether a site's function is the target's own code, or library code named by its pprof labels. */
  public static boolean namesTheTarget(String function) {
    return function.contains(" [pprof labels ") || isUserCode(new StackFrame(function, "", 0));
  }

  /** {@code {"handler":"main.x","route":"/a"}} as {@code handler=main.x route=/a}. */
  private static String readable(String labels) {
    String inner = labels.strip();
    if (inner.startsWith("{") && inner.endsWith("}")) {
      inner = inner.substring(1, inner.length() - 1);
    }
    return inner.replace("\",\"", " ").replace("\":\"", "=").replace("\"", "");
  }

  /**
   * True outside the standard library and the known libraries. Standard-library package paths have
   * no dot in their first element ({@code net/http}, {@code encoding/json}); module paths do
   * ({@code github.com/...}). Package {@code main} has no dot either but is always the user's. A
   * module path without a dot (a local {@code module shop}) would be taken for the standard library.
   */
  public static boolean isUserCode(StackFrame frame) {
    String packagePath = frame.packagePath();
    if (packagePath.equals("main")) {
      return true;
    }
    int slash = packagePath.indexOf('/');
    String first = slash < 0 ? packagePath : packagePath.substring(0, slash);
    if (!first.contains(".")) {
      return false;
    }
    return LIBRARY_PREFIXES.stream().noneMatch(packagePath::startsWith);
  }

  static boolean isRuntime(StackFrame frame) {
    String packagePath = frame.packagePath();
    return packagePath.equals("runtime") || packagePath.startsWith("runtime/")
        || packagePath.startsWith("internal/runtime/");
  }
}
