package io.ginpreflight.report;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the memory side of one run found; written as {@code memory.json} (shape documented in
 * docs/memory-json.md) and rendered as {@code memory.html} and {@code memory-junit.xml}.
 *
 * @param signals whether the target offered each source, written as "yes", "yes (detail)" or "no: why"
 * @param verdict {@link RunVerdict#PASS} when every check passed and the run had no failure
 * @param failures run-level problems that are not checks, e.g. the target died during a phase
 * @param samplesFile the continuous samples, relative to the run folder
 * @param noise the target's noise at rest and the spread the rates assumed; null in older reports
 */
public record MemoryReport(
    int schemaVersion,
    String simulation,
    String runId,
    Instant startedAt,
    Instant endedAt,
    String target,
    Map<Source, Availability> signals,
    RunVerdict verdict,
    List<String> failures,
    List<PhaseRecord> phases,
    List<ProbeRecord> probes,
    List<CheckRecord> checks,
    List<TrendRecord> trends,
    String samplesFile,
    NoiseRecord noise) {

  public static final int SCHEMA_VERSION = 1;

  public MemoryReport {
    signals = ReportParts.knownKeys(signals);
  }

  public boolean passed() {
    return verdict == RunVerdict.PASS;
  }
}
