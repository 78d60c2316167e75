package io.ginpreflight.watch;

import io.ginpreflight.model.Measurement;
import io.ginpreflight.signal.GoroutineDump;
import io.ginpreflight.signal.SignalClient;
import io.ginpreflight.signal.SignalUnavailable;
import java.util.Optional;

/**
 * pprof's goroutineleak profile (standard from Go 1.27; Go 1.26 with GOEXPERIMENT=goroutineleakprofile):
 * asking for it runs a GC cycle that proves which blocked goroutines
 * can never resume (nothing running can reach what they wait on). Read at probes only, never by the
 * sampler: each read costs a full GC.
 */
final class GoroutineLeakProfile {

  private final SignalClient client;
  private final Optional<String> url;

  /** @param pprofUrl the pprof root; empty when the target does not offer the profile */
  GoroutineLeakProfile(SignalClient client, Optional<String> pprofUrl) {
    this.client = client;
    this.url = pprofUrl.map(root -> root + "/goroutineleak?debug=1");
  }

  /** The profile's total, text and parsed dump, or why it could not be read; empty when not offered. */
  Optional<Reading> read() {
    if (url.isEmpty()) {
      return Optional.empty();
    }
    try {
      String text = client.get(url.get());
      GoroutineDump dump = GoroutineDump.parse(text);
      return Optional.of(new Reading(Measurement.of(dump.total()), text, Optional.of(dump)));
    } catch (SignalUnavailable e) {
      return Optional.of(new Reading(Measurement.failed(e.getMessage()), "", Optional.empty()));
    }
  }

  /** @param dump the parsed profile; empty when it could not be read */
  record Reading(Measurement leaked, String text, Optional<GoroutineDump> dump) {}

  static String url(String pprofRoot) {
    return pprofRoot + "/goroutineleak?debug=1";
  }
}
