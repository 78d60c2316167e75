package io.ginpreflight.config;

import java.time.Duration;

/** How a probe talks to the target and decides that it has settled. */
public record ProbeSettings(
    Duration requestTimeout, int gcRuns, Duration settleInterval, int stableSamples, Duration settleTimeout) {

  public static ProbeSettings from(PreflightConfig config) {
    return new ProbeSettings(
        config.positiveDuration("preflight.probe.timeout"),
        config.positiveInt("preflight.probe.gc-runs"),
        config.positiveDuration("preflight.probe.settle.interval"),
        config.positiveInt("preflight.probe.settle.stable-samples"),
        config.positiveDuration("preflight.probe.settle.timeout"));
  }
}
