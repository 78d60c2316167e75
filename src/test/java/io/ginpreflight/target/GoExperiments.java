package io.ginpreflight.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GOEXPERIMENT gin-lab and the test services are built with: Go 1.26's goroutineleak profile, so the
 * path where the runtime proves leaked goroutines is the one tested. An older toolchain refuses an
 * experiment it does not know, so it is added only from Go 1.26 on.
 */
public final class GoExperiments {

  public static final String GOROUTINE_LEAK_PROFILE = "goroutineleakprofile";
  private static final Pattern VERSION = Pattern.compile("^go(\\d+)\\.(\\d+)");
  private static final Map<Path, Boolean> KNOWS_IT = new ConcurrentHashMap<>();

  private GoExperiments() {}

  /** Adds the experiment to a build's environment when {@code go} has it, keeping any the user set. */
  public static void addGoroutineLeakProfile(Map<String, String> environment, Path go) {
    if (!KNOWS_IT.computeIfAbsent(go, GoExperiments::hasGoroutineLeakProfile)) {
      return;
    }
    String set = environment.getOrDefault("GOEXPERIMENT", "");
    environment.put("GOEXPERIMENT", set.isBlank() ? GOROUTINE_LEAK_PROFILE : set + "," + GOROUTINE_LEAK_PROFILE);
  }

  /** {@code go1.26.8} and later have it; {@code devel} toolchains are taken to. */
  static boolean knowsGoroutineLeakProfile(String goVersion) {
    Matcher version = VERSION.matcher(goVersion.strip());
    if (!version.find()) {
      return goVersion.strip().startsWith("devel");
    }
    int major = Integer.parseInt(version.group(1));
    int minor = Integer.parseInt(version.group(2));
    return major > 1 || minor >= 26;
  }

  private static boolean hasGoroutineLeakProfile(Path go) {
    try {
      ProcessBuilder builder = new ProcessBuilder(go.toString(), "env", "GOVERSION").redirectErrorStream(true);
      builder.environment().putIfAbsent("GOTOOLCHAIN", "local");
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && knowsGoroutineLeakProfile(out);
    } catch (IOException e) {
      return false;  // The build itself then says what is wrong with the toolchain.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
