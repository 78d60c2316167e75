package io.ginpreflight.report;

import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.model.Signal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A probe at a phase boundary. {@code beforeGc} is read once goroutines settled, {@code afterGc} after the
 * forced GCs; both map a signal (by its JSON name) to its value. {@code unavailable} maps a
 * signal's JSON name, or "target" when it had died, to why it could not be read. {@code profiles} maps a
 * kind to a file in the run folder.
 */
public record ProbeRecord(
    int index,
    String label,
    Instant at,
    long tookMillis,
    boolean settled,
    String settleNote,
    Map<Signal, Long> beforeGc,
    Map<Signal, Long> afterGc,
    Map<String, String> unavailable,
    Map<ProfileKind, String> profiles) {

  public ProbeRecord {
    beforeGc = MemoryReport.knownKeys(beforeGc);
    afterGc = MemoryReport.knownKeys(afterGc);
    unavailable = MemoryReport.knownKeys(unavailable);
    profiles = MemoryReport.knownKeys(profiles);
  }

  /** A probe's reading as memory.json records it. */
  static ProbeRecord of(ProbeReading reading) {
    Map<String, String> unavailable = new LinkedHashMap<>();
    reading.afterGc().failures().forEach((signal, why) -> unavailable.put(signal.jsonName(), why));
    reading.death().ifPresent(death -> unavailable.put("target", "died: " + death));
    return new ProbeRecord(reading.index(), reading.label(), reading.takenAt(), reading.took().toMillis(),
        reading.settled(), reading.settleNote(), reading.beforeGc().values(), reading.afterGc().values(),
        unavailable, reading.profiles());
  }
}
