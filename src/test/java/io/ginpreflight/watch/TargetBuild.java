package io.ginpreflight.watch;

import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.GoModule;
import io.ginpreflight.signal.GoBuildInfo;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The target's build info, read once at start: from the executable behind {@code /proc/<pid>/exe} for a
 * local target; for a remote one it is unknown, and said. {@code preflight.target.module} names the main
 * module when the binary cannot say it (remote, stripped of its section, not readable), and wins over it
 * when both do: the user knows which code is theirs.
 */
public final class TargetBuild {

  static final String MODULE_KEY = "preflight.target.module";
  // Go's module path characters (golang.org/x/mod/module.CheckPath), loosely: letters, digits, ._~-/
  private static final Pattern MODULE_PATH = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

  private TargetBuild() {}

  /** The configured main module, checked: read before the target starts, so a typo stops the run at once. */
  public static Optional<String> configuredModule(PreflightConfig config) {
    if (!config.hasNonBlankValue(MODULE_KEY)) {
      return Optional.empty();
    }
    String path = config.string(MODULE_KEY).strip();
    requireModulePath(path);
    return Optional.of(path);
  }

  public static BuildInfo of(OptionalLong pid, Optional<String> configuredModule) {
    BuildInfo read = pid.isPresent()
        ? GoBuildInfo.read(Path.of("/proc", Long.toString(pid.getAsLong()), "exe"))
        : BuildInfo.unknown("the target is remote (preflight.target.url only): its binary, and so its Go "
            + "version and module versions, cannot be read");
    if (configuredModule.isEmpty()) {
      return read;
    }
    if (!read.known()) {
      return BuildInfo.configured(configuredModule.get(), read.unknown());
    }
    GoModule main = new GoModule(configuredModule.get(),
        read.main() != null && read.main().path().equals(configuredModule.get()) ? read.main().version() : "", "");
    return new BuildInfo(read.goVersion(), main, read.dependencies(), read.source() + ", main module from "
        + MODULE_KEY, "");
  }

  private static void requireModulePath(String path) {
    if (!MODULE_PATH.matcher(path).matches()) {
      throw new ConfigProblem("Configuration key '" + MODULE_KEY + "' has invalid value '" + path + "': give the "
          + "module path of the service's go.mod (its 'module' line), e.g. example.com/shop.");
    }
  }
}
