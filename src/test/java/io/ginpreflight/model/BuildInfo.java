package io.ginpreflight.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the target binary says about itself: the Go version it was built with, its main module and the
 * modules it depends on (Go's build info, as {@code go version -m} prints it). {@code unknown} says why
 * there is none (a remote target, an unreadable executable) and is empty when the rest is known.
 *
 * @param main the main module, null when unknown
 * @param source where it was read from ({@code /proc/4242/exe}) or what stood in for it (config)
 */
public record BuildInfo(String goVersion, GoModule main, List<GoModule> dependencies, String source,
    String unknown) {

  public BuildInfo {
    dependencies = List.copyOf(dependencies);
    unknown = unknown == null ? "" : unknown;
  }

  public static BuildInfo unknown(String why) {
    return new BuildInfo("", null, List.of(), "", why);
  }

  /** Only the main module's path, from configuration, for a target whose binary cannot be read. */
  public static BuildInfo configured(String modulePath, String why) {
    return new BuildInfo("", new GoModule(modulePath, "", ""), List.of(),
        "configuration (preflight.target.module)", why);
  }

  public boolean known() {
    return unknown.isEmpty();
  }

  /** The main module's path when known: the service's own code is every package below it. */
  public Optional<String> mainModulePath() {
    return Optional.ofNullable(main).map(GoModule::path);
  }

  /**
   * The dependency a package belongs to: the longest module path that contains it, since modules nest
   * ({@code golang.org/x/net} and {@code golang.org/x/net/http2} could both be listed).
   */
  public Optional<GoModule> moduleOf(String packagePath) {
    return dependencies.stream().filter(m -> m.contains(packagePath))
        .max(Comparator.comparingInt(m -> m.path().length()));
  }

  /** For the start-up line: {@code go1.26.8, module example.com/shop, 42 dependencies (/proc/4242/exe)}. */
  public String summary() {
    if (!known()) {
      return (main == null ? "unknown" : "module " + main.path() + " (" + source + ")") + ": " + unknown;
    }
    return goVersion + ", module " + (main == null ? "unknown" : main.quoted()) + ", " + dependencies.size()
        + " dependencies (" + source + ")";
  }
}
