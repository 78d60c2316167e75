package io.ginpreflight.target;

import java.util.Optional;

/**
 * The service under test, as the watch sees it: where to send load and where to read its signals.
 * {@code pprofUrl} is the pprof root (ending in {@code /debug/pprof}), empty when the target has none.
 */
public record Target(String baseUrl, String metricsUrl, Optional<String> pprofUrl, String description) {}
