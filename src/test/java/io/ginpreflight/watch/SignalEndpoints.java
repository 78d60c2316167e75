package io.ginpreflight.watch;

import java.util.Optional;

/**
 * Where the watch reads the target's signals. Each source has its own URL because pprof often listens
 * on its own port; an empty one is a source the target does not offer.
 */
public record SignalEndpoints(Optional<String> metricsUrl, Optional<String> pprofUrl, Optional<String> expvarUrl) {}
