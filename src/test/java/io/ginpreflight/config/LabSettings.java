package io.ginpreflight.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The embedded gin-lab: where its module is, which leaks to switch on, how long it may take to start. */
public record LabSettings(Path moduleDir, String leaks, boolean pprof, Duration startTimeout, List<String> args) {

  public LabSettings {
    args = List.copyOf(args);
  }

  public LabSettings(Path moduleDir, String leaks, boolean pprof, Duration startTimeout) {
    this(moduleDir, leaks, pprof, startTimeout, List.of());
  }

  private static final Pattern LEAK_LIST = Pattern.compile("[a-z0-9-]+(,[a-z0-9-]+)*");

  /**
   * Whether gin-lab's own configuration (gin-lab.conf) is in effect: for the embedded lab, or loaded by hand
   * for a gin-lab started elsewhere. Simulations written for gin-lab's paths run only then.
   */
  public static boolean describesTarget(PreflightConfig config) {
    return config.hasValue("lab.describes-target") && config.bool("lab.describes-target");
  }

  public static LabSettings from(PreflightConfig config, Path projectDir) {
    String leaks = config.string("lab.leaks").replace(" ", "");
    if (!LEAK_LIST.matcher(leaks).matches()) {
      throw ConfigProblem.invalid("lab.leaks", leaks,
          "expected none, all, or a comma list of pattern names (gin-lab -list-leaks prints them)");
    }
    return new LabSettings(
        projectDir.resolve(config.string("lab.dir")).normalize(),
        leaks,
        config.bool("lab.pprof"),
        config.positiveDuration("lab.start-timeout"),
        config.stringList("lab.args"));
  }
}
