package io.ginpreflight.report;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.KnownLeakNote;
import io.ginpreflight.model.BaselineResult;
import io.ginpreflight.model.RunIdentity;
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
 * @param build the target's Go version and modules from its build info, or why they are unknown; null in
 *     older reports
 * @param knownLeaks the target's modules whose version has a known, publicly fixed leak: notes, not checks
 * @param identity what the run ran against and how, which decides the runs it is comparable with; null in
 *     older reports (never comparable)
 * @param baselines each judged phase against the median of the last comparable runs; empty when the
 *     baseline is off
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
    NoiseRecord noise,
    BuildInfo build,
    List<KnownLeakNote> knownLeaks,
    RunIdentity identity,
    List<BaselineResult> baselines) {

  /** A report without build info, identity and baselines, as written before they were read. */
  public MemoryReport(int schemaVersion, String simulation, String runId, Instant startedAt, Instant endedAt,
      String target, Map<Source, Availability> signals, RunVerdict verdict, List<String> failures,
      List<PhaseRecord> phases, List<ProbeRecord> probes, List<CheckRecord> checks, List<TrendRecord> trends,
      String samplesFile, NoiseRecord noise) {
    this(schemaVersion, simulation, runId, startedAt, endedAt, target, signals, verdict, failures, phases, probes,
        checks, trends, samplesFile, noise, null, List.of());
  }

  /** A report without identity and baselines, as written before they were recorded. */
  public MemoryReport(int schemaVersion, String simulation, String runId, Instant startedAt, Instant endedAt,
      String target, Map<Source, Availability> signals, RunVerdict verdict, List<String> failures,
      List<PhaseRecord> phases, List<ProbeRecord> probes, List<CheckRecord> checks, List<TrendRecord> trends,
      String samplesFile, NoiseRecord noise, BuildInfo build, List<KnownLeakNote> knownLeaks) {
    this(schemaVersion, simulation, runId, startedAt, endedAt, target, signals, verdict, failures, phases, probes,
        checks, trends, samplesFile, noise, build, knownLeaks, null, List.of());
  }

  public static final int SCHEMA_VERSION = 1;

  public MemoryReport {
    signals = ReportParts.knownKeys(signals);
    knownLeaks = knownLeaks == null ? List.of() : List.copyOf(knownLeaks);
    baselines = baselines == null ? List.of() : List.copyOf(baselines);
  }

  public boolean passed() {
    return verdict == RunVerdict.PASS;
  }
}
