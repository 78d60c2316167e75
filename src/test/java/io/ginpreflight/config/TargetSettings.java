package io.ginpreflight.config;

import java.util.Optional;

/** Where an external target is; an empty {@code url} means the embedded gin-lab. */
public record TargetSettings(Optional<String> url, Optional<String> metricsUrl, Optional<String> pprofUrl) {

  public static TargetSettings from(PreflightConfig config) {
    TargetSettings settings = new TargetSettings(
        config.optionalUrl("preflight.target.url"),
        config.optionalUrl("preflight.metrics.url"),
        config.optionalUrl("preflight.pprof.url"));
    if (settings.url.isEmpty() && (settings.metricsUrl.isPresent() || settings.pprofUrl.isPresent())) {
      throw new ConfigProblem("Configuration key 'preflight.target.url' is not set, but "
          + "preflight.metrics.url or preflight.pprof.url is: set preflight.target.url to the service "
          + "they belong to, or unset them to use the embedded gin-lab.");
    }
    return settings;
  }

  public boolean isExternal() {
    return url.isPresent();
  }
}
