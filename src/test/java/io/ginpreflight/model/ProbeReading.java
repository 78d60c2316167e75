package io.ginpreflight.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What one probe read at a phase boundary: the signals once goroutines settled ({@code beforeGc}) and
 * again after the forced GCs ({@code afterGc}), which checks use; the profiles it saved (kind to a path
 * relative to the run folder); and the target's death, if it had died.
 */
public record ProbeReading(
    int index,
    String label,
    Instant takenAt,
    Duration took,
    boolean settled,
    String settleNote,
    Snapshot beforeGc,
    Snapshot afterGc,
    Map<ProfileKind, String> profiles,
    Optional<String> death) {

  public Measurement get(Signal signal) {
    return death.isPresent()
        ? Measurement.failed("the target died: " + death.get().lines().findFirst().orElse(""))
        : afterGc.get(signal);
  }
}
