package io.ginpreflight.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which service is under test and how the suite gets hold of it: started by the suite ({@code command}),
 * attached by PID ({@code pid}), reached over HTTP only ({@code url} alone), or, with none of these, the
 * embedded gin-lab. Relative paths are kept as given; the caller resolves them against the project.
 */
public record TargetSettings(Optional<String> url, Optional<String> metricsUrl, Optional<String> pprofUrl,
    Optional<Command> command, OptionalLong pid, Optional<Path> tempDir) {

  private static final String PREFIX = "preflight.target.";

  /**
   * How to start the user's service.
   *
   * @param arguments the program and its arguments, started directly (no shell)
   * @param healthUrl answers 2xx once the service is ready
   */
  public record Command(List<String> arguments, Optional<Path> workdir, Map<String, String> env, String healthUrl,
      Duration startTimeout, Duration stopGrace) {}

  public static TargetSettings from(PreflightConfig config) {
    Optional<String> url = config.optionalUrl(PREFIX + "url");
    Optional<String> metricsUrl = config.optionalUrl("preflight.metrics.url");
    Optional<String> pprofUrl = config.optionalUrl("preflight.pprof.url");
    Optional<List<String>> arguments = arguments(config);
    OptionalLong pid = config.hasValue(PREFIX + "pid")
        ? OptionalLong.of(config.positiveInt(PREFIX + "pid")) : OptionalLong.empty();
    Optional<Path> tempDir = optionalPath(config, PREFIX + "temp-dir");

    if (arguments.isPresent() && pid.isPresent()) {
      throw new ConfigProblem("Configuration keys 'preflight.target.command' and 'preflight.target.pid' are "
          + "both set, but the suite either starts the service or attaches to a running one: unset one of them.");
    }
    String mode = arguments.isPresent() ? "preflight.target.command" : "preflight.target.pid";
    if ((arguments.isPresent() || pid.isPresent()) && url.isEmpty()) {
      throw new ConfigProblem("Configuration key '" + mode + "' is set, but 'preflight.target.url' is not: "
          + "set it to the base URL the service listens on, such as http://127.0.0.1:8080.");
    }
    if (url.isEmpty() && (metricsUrl.isPresent() || pprofUrl.isPresent())) {
      throw new ConfigProblem("Configuration key 'preflight.target.url' is not set, but "
          + "preflight.metrics.url or preflight.pprof.url is: set preflight.target.url to the service "
          + "they belong to, or unset them to use the embedded gin-lab.");
    }
    if (arguments.isEmpty()) {
      for (String onlyForCommand : List.of("workdir", "health-url")) {
        refuseWithoutCommand(config.hasValue(PREFIX + onlyForCommand), onlyForCommand);
      }
      refuseWithoutCommand(!config.stringMap(PREFIX + "env").isEmpty(), "env");
    }
    if (tempDir.isPresent() && arguments.isEmpty() && pid.isEmpty()) {
      throw new ConfigProblem("Configuration key 'preflight.target.temp-dir' is set, but the target is neither "
          + "started (preflight.target.command) nor attached (preflight.target.pid): a remote service's "
          + "directories cannot be read from here.");
    }
    Optional<Command> command = arguments.map(args -> command(config, args, url.get()));
    return new TargetSettings(url, metricsUrl, pprofUrl, command, pid, tempDir);
  }

  /** Whether a service of the user's is under test (started, attached or remote), not gin-lab. */
  public boolean isExternal() {
    return url.isPresent();
  }

  private static Optional<List<String>> arguments(PreflightConfig config) {
    String key = PREFIX + "command";
    if (!config.hasValue(key)) {
      return Optional.empty();
    }
    List<String> arguments;
    if (config.isList(key)) {
      arguments = config.stringList(key);
    } else {
      try {
        arguments = CommandLine.split(config.string(key), "'" + key + "'");
      } catch (IllegalArgumentException e) {
        throw new ConfigProblem("Configuration key " + e.getMessage() + ".");
      }
    }
    if (arguments.isEmpty() || arguments.get(0).isBlank()) {
      throw new ConfigProblem("Configuration key '" + key + "' is empty: give the program to start and its "
          + "arguments, such as \"go run ./cmd/api\", or unset it.");
    }
    return Optional.of(arguments);
  }

  private static Command command(PreflightConfig config, List<String> arguments, String url) {
    Map<String, String> env = config.stringMap(PREFIX + "env");
    if (env.containsKey("TMPDIR")) {
      throw new ConfigProblem("Configuration key 'preflight.target.env.TMPDIR' is set, but the suite gives the "
          + "service a private TMPDIR of its own to count its temp files: unset it, and set "
          + "preflight.target.temp-dir if the service writes its temp files elsewhere.");
    }
    Optional<String> healthUrl = config.optionalUrl(PREFIX + "health-url");
    return new Command(arguments, optionalPath(config, PREFIX + "workdir"), env,
        healthUrl.orElse(url + "/healthz"),
        config.positiveDuration(PREFIX + "start-timeout"),
        config.positiveDuration(PREFIX + "stop-grace"));
  }

  private static void refuseWithoutCommand(boolean set, String key) {
    if (set) {
      throw new ConfigProblem("Configuration key 'preflight.target." + key + "' is set, but "
          + "'preflight.target.command' is not: it only applies to a service the suite starts.");
    }
  }

  private static Optional<Path> optionalPath(PreflightConfig config, String key) {
    if (!config.hasValue(key) || config.string(key).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Path.of(config.string(key).trim()));
  }
}
