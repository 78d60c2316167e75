package io.ginpreflight.signal;

import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.GoModule;
import io.ginpreflight.model.SiteOrigin;
import java.util.Map;
import java.util.Optional;

/**
 * What a site is read against: the target's build info (which module is the service's own, which
 * version each library is) and the curated known-leak notes of the target's flagged modules, by module
 * path. Without a main module (a remote target with no {@code preflight.target.module}), own code is
 * guessed as {@link SiteRule#isUserCode} guesses it, and {@link #guessed()} says so.
 */
public record SiteContext(BuildInfo build, Map<String, String> knownLeakNotes) {

  public SiteContext {
    knownLeakNotes = Map.copyOf(knownLeakNotes);
  }

  public static SiteContext unknown() {
    return new SiteContext(BuildInfo.unknown("not read"), Map.of());
  }

  /** True when no main module is known and own code is told by the package path's shape alone. */
  public boolean guessed() {
    return build.mainModulePath().isEmpty();
  }

  /** Package main is always the service's: Go names it "main", whatever the module. */
  public boolean isOwn(StackFrame frame) {
    String pkg = frame.packagePath();
    if (pkg.equals("main")) {
      return true;
    }
    return build.main() == null ? SiteRule.isUserCode(frame) : build.main().contains(pkg);
  }

  public SiteOrigin origin(StackFrame frame) {
    if (isOwn(frame)) {
      return SiteOrigin.OWN_CODE;
    }
    String pkg = frame.packagePath();
    int slash = pkg.indexOf('/');
    return (slash < 0 ? pkg : pkg.substring(0, slash)).contains(".") ? SiteOrigin.LIBRARY : SiteOrigin.STANDARD_LIBRARY;
  }

  /** {@code github.com/gin-gonic/gin v1.12.0}, {@code the standard library (go1.26.8)}, or the own module. */
  public String moduleText(StackFrame frame) {
    return switch (origin(frame)) {
      case OWN_CODE -> build.main() == null ? "own code (module guessed)" : build.main().quoted();
      case RUNTIME -> "the Go runtime";
      case STANDARD_LIBRARY -> "the standard library" + (build.goVersion().isEmpty() ? "" : " (" + build.goVersion() + ")");
      case LIBRARY -> module(frame).map(GoModule::quoted)
          .orElse(frame.packagePath() + " (version unknown)");
    };
  }

  public Optional<GoModule> module(StackFrame frame) {
    return build.moduleOf(frame.packagePath());
  }

  /** The known-leak note of the frame's module, empty when it is not flagged. */
  public String knownLeak(StackFrame frame) {
    return module(frame).map(m -> knownLeakNotes.getOrDefault(m.path(), "")).orElse("");
  }
}
