package io.ginpreflight.watch;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Source;
import java.util.Map;
import java.util.Optional;

/**
 * Signals only the operating system can give, for a target running on this machine: open descriptors,
 * RSS, threads, its temp directory, and whether it is still alive.
 */
public interface LocalSignals {

  /** Each signal it reads to its current reading. */
  Map<Signal, Measurement> read();

  /** Each open descriptor classified, one a line, for the probes whose listings are diffed; empty if unknown. */
  default Optional<String> descriptorListing() {
    return Optional.empty();
  }

  /** The temp dir's files, one a line; empty when no temp dir is known. */
  default Optional<String> tempFileListing() {
    return Optional.empty();
  }

  /** Empty while the process lives; else how it died (exit code or signal) and its last log lines. */
  Optional<String> death();

  /** What is sampled, for the start-up line, e.g. "procfs: yes (pid 123), temp dir: yes (/tmp/x)". */
  Map<Source, Availability> offered();
}
