package io.ginpreflight.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The goroutineleak profile in the builds of gin-lab and the test services, so the path where the runtime
 * proves leaked goroutines is the one tested. Go 1.26 has the profile behind
 * {@code GOEXPERIMENT=goroutineleakprofile}; Go 1.27 made it standard and, like toolchains before 1.26,
 * refuses the experiment's name ({@code go: unknown GOEXPERIMENT goroutineleakprofile}).
 */
public final class GoExperiments {

  public static final String GOROUTINE_LEAK_PROFILE = "goroutineleakprofile";
  private static final String VARIABLE = "GOEXPERIMENT";
  private static final Pattern VERSION = Pattern.compile("go(\\d+)\\.(\\d+)");
  /** Per toolchain and GOTOOLCHAIN setting: the go command may switch to another toolchain. */
  private static final Map<String, ProfileSupport> SUPPORT = new ConcurrentHashMap<>();

  /** How a Go release offers the profile. */
  enum ProfileSupport {
    /** Before Go 1.26 (and when the version cannot be told): no profile, and the experiment is refused. */
    NONE,
    /** Go 1.26: only with GOEXPERIMENT=goroutineleakprofile. */
    EXPERIMENT,
    /** Go 1.27 and later: always there; the experiment's name is refused. */
    STANDARD
  }

  private GoExperiments() {}

  /**
   * Sets a build's environment so that the binary serves the profile: adds the experiment for Go 1.26 and
   * takes it out of a GOEXPERIMENT the user set for a release that would refuse it. Other experiments stay.
   */
  public static void addGoroutineLeakProfile(Map<String, String> environment, Path go) {
    String key = go + "|" + environment.getOrDefault("GOTOOLCHAIN", System.getenv("GOTOOLCHAIN"));
    ProfileSupport support = SUPPORT.computeIfAbsent(key, k -> ask(go, environment));
    String set = withoutProfile(environment.getOrDefault(VARIABLE, ""));
    if (support == ProfileSupport.EXPERIMENT) {
      set = set.isEmpty() ? GOROUTINE_LEAK_PROFILE : set + "," + GOROUTINE_LEAK_PROFILE;
    }
    if (set.isEmpty()) {
      environment.remove(VARIABLE);
    } else {
      environment.put(VARIABLE, set);
    }
  }

  /** From {@code go env GOVERSION} ({@code go1.26.8}, {@code go1.27.3}, {@code devel go1.28-abc...}). */
  static ProfileSupport support(String goVersion) {
    Matcher version = VERSION.matcher(goVersion.strip());
    if (!version.find()) {
      return ProfileSupport.NONE;
    }
    int major = Integer.parseInt(version.group(1));
    int minor = Integer.parseInt(version.group(2));
    if (major > 1 || minor >= 27) {
      return ProfileSupport.STANDARD;
    }
    return minor == 26 ? ProfileSupport.EXPERIMENT : ProfileSupport.NONE;
  }

  static String withoutProfile(String experiments) {
    return Arrays.stream(experiments.split(",")).map(String::strip)
        .filter(e -> !e.isEmpty() && !e.equals(GOROUTINE_LEAK_PROFILE)).collect(Collectors.joining(","));
  }

  private static ProfileSupport ask(Path go, Map<String, String> buildEnvironment) {
    try {
      ProcessBuilder builder = new ProcessBuilder(go.toString(), "env", "GOVERSION").redirectErrorStream(true);
      builder.environment().clear();
      builder.environment().putAll(new HashMap<>(buildEnvironment));
      // Asked without any experiment: Go 1.27 refuses even `go env` under the one it no longer knows.
      builder.environment().remove(VARIABLE);
      builder.environment().putIfAbsent("GOTOOLCHAIN", "local");
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean answered = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
      return answered ? support(out) : ProfileSupport.NONE;
    } catch (IOException e) {
      return ProfileSupport.NONE;  // The build itself then says what is wrong with the toolchain.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProfileSupport.NONE;
    }
  }
}
