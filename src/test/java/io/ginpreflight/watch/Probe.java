package io.ginpreflight.watch;

import io.ginpreflight.model.ProbeReading;

/**
 * One probe as the watch took it: its reading (signals, and the profiles' files for the reports) and the
 * profiles it kept, parsed.
 */
public record Probe(ProbeReading reading, ProbeProfiles profiles) {

  public int index() {
    return reading.index();
  }
}
