package io.ginpreflight.watch;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one change that makes a target serve pprof's goroutineleak profile, from the Go it was built with
 * (its build info, e.g. {@code go1.27.3} or {@code go1.26.8 X:goroutineleakprofile}): the profile is standard
 * from Go 1.27 and behind {@code GOEXPERIMENT=goroutineleakprofile} in Go 1.26; a Go that has it but answers
 * 404 is serving pprof through gin-contrib/pprof, whose fixed list of routes lacks it.
 */
final class GoroutineLeakAdvice {

  private static final Pattern VERSION = Pattern.compile("go(\\d+)\\.(\\d+)");
  private static final String EITHER_WAY = "the goroutine count is judged either way";

  private GoroutineLeakAdvice() {}

  /**
   * @param goVersion the target's Go, from its build info; empty for a remote target
   * @param pprofRoot the pprof URL asked, ending in /debug/pprof
   * @param failure why the profile could not be read
   */
  static String of(Optional<String> goVersion, String pprofRoot, String failure) {
    String route = route(pprofRoot);
    String ginRoute = "r.GET(\"" + route + "\", gin.WrapH(pprof.Handler(\"goroutineleak\"))) with net/http/pprof";
    if (goVersion.isEmpty() || goVersion.get().isBlank()) {
      return "build the service with Go 1.27 (standard there) or Go 1.26 with GOEXPERIMENT=goroutineleakprofile; a "
          + "Gin router serving pprof through gin-contrib/pprof also needs " + ginRoute + "; " + EITHER_WAY;
    }
    String go = goVersion.get().strip();
    Matcher version = VERSION.matcher(go);
    int minor = version.find() && version.group(1).equals("1") ? Integer.parseInt(version.group(2)) : 27;
    boolean hasProfile = minor >= 27 || (minor == 26 && go.contains("goroutineleakprofile"));
    if (hasProfile && failure.contains("HTTP 404")) {
      return "the service's Go (" + go + ") has the profile, but " + route + " is not routed: gin-contrib/pprof "
          + "registers a fixed list without it; add " + ginRoute + "; " + EITHER_WAY;
    }
    if (hasProfile) {
      return "the service's Go (" + go + ") has the profile: make " + route + " answer as the other pprof routes do; "
          + EITHER_WAY;
    }
    if (minor == 26) {
      return "the service's Go (" + go + ") has the profile only when built with GOEXPERIMENT=goroutineleakprofile; "
          + "Go 1.27 has it standard; " + EITHER_WAY;
    }
    return "the service's Go (" + go + ") has no such profile: build it with Go 1.27 (standard there) or Go 1.26 "
        + "with GOEXPERIMENT=goroutineleakprofile; " + EITHER_WAY;
  }

  /** The route's path, e.g. {@code /debug/pprof/goroutineleak}, from the pprof root the user gave. */
  private static String route(String pprofRoot) {
    try {
      String path = URI.create(pprofRoot).getPath();
      return (path == null || path.isEmpty() ? "/debug/pprof" : path) + "/goroutineleak";
    } catch (IllegalArgumentException e) {
      return "/debug/pprof/goroutineleak";
    }
  }
}
