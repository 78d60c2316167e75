package io.ginpreflight.signal;

import java.util.Optional;

/**
 * The target's Go version, from client_golang's {@code go_info{version="go1.26.0"} 1}: every service
 * with the default registry's Go collector offers it, so the history can show a Go upgrade.
 */
public final class GoInfo {

  private GoInfo() {}

  /** Empty when the metrics cannot be read or have no {@code go_info}. */
  public static Optional<String> version(SignalClient client, String metricsUrl) {
    try {
      return version(PrometheusText.parse(client.get(metricsUrl)));
    } catch (SignalUnavailable e) {
      return Optional.empty();
    }
  }

  static Optional<String> version(PrometheusText metrics) {
    return metrics.series("go_info").keySet().stream().map(labels -> labels.get("version"))
        .filter(v -> v != null && !v.isBlank()).findFirst();
  }
}
