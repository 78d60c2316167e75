package io.ginpreflight.report;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.IdleNoise;
import io.ginpreflight.model.KnownLeakNote;
import io.ginpreflight.model.PhaseEnd;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.RunIdentity;
import io.ginpreflight.model.Source;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.RunPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the memory side of one run found: written as {@code memory.json} (shape documented in
 * docs/memory-json.md), rendered as {@code memory.html} and {@code memory-junit.xml}, and read back by
 * the history and comparisons. A report of an interrupted run (or of another writer) may lack any part:
 * a missing list or map reads as empty, a missing check status as inconclusive.
 *
 * @param signals whether the target offered each source, written as "yes", "yes (detail)" or "no: why"
 * @param verdict {@link RunVerdict#PASS} when every check passed and the run had no failure, WARN when it passed
 *     with a check undecided or unmeasured (the user's choice), else FAIL
 * @param failures run-level problems that are not checks, e.g. the target died during a phase
 * @param checks every check judged, in the order judged: growths, rates and baselines
 * @param samplesFile the continuous samples, relative to the run folder
 * @param noise the target's noise at rest and the spread the rates assumed
 * @param build the target's Go version and modules from its build info, or why they are unknown
 * @param knownLeaks the target's modules whose version has a known, publicly fixed leak: notes, not checks
 * @param identity what the run ran against and how, which decides the runs it is comparable with; a
 *     report without one is compared with no run
 * @param failing the statuses that fail this run: KO always, UNDECIDED and INCONCLUSIVE as the user chose
 *     ({@code preflight.undecided}, {@code preflight.inconclusive}); a check of another status that is not OK
 *     is a warning
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
    List<CheckResult> checks,
    String samplesFile,
    NoiseRecord noise,
    BuildInfo build,
    List<KnownLeakNote> knownLeaks,
    RunIdentity identity,
    List<Status> failing) {

  public static final int SCHEMA_VERSION = 2;

  /** What fails a run unless the user chose to be warned: a KO, a check that could not be measured. */
  public static final List<Status> FAILING_BY_DEFAULT = List.of(Status.KO, Status.INCONCLUSIVE);

  public MemoryReport {
    signals = knownKeys(signals);
    failures = failures == null ? List.of() : List.copyOf(failures);
    phases = phases == null ? List.of() : List.copyOf(phases);
    probes = probes == null ? List.of() : List.copyOf(probes);
    checks = checks == null ? List.of() : List.copyOf(checks);
    knownLeaks = knownLeaks == null ? List.of() : List.copyOf(knownLeaks);
    // A report that does not say what failed its run is read as strictly as can be: every check not a pass.
    failing = failing == null ? List.of(Status.KO, Status.INCONCLUSIVE, Status.UNDECIDED) : List.copyOf(failing);
    simulation = text(simulation, "unknown simulation");
    samplesFile = text(samplesFile, "samples.jsonl");
    // A report without a verdict was not written to the end: it did not pass.
    verdict = verdict == null ? RunVerdict.FAIL : verdict;
  }

  /**
   * The report of a run as far as it got: what it started with, its plan, what it found so far and the
   * requests Gatling counted. A run that judged nothing fails, saying so: could not measure is no pass.
   */
  public static MemoryReport of(RunStart start, RunPlan plan, RunFindings findings, RequestCounts counts,
      Instant endedAt) {
    List<ProbeReading> readings = findings.readings();
    List<CheckResult> checks = findings.checks();
    List<String> failures = new ArrayList<>(findings.failures());
    if (checks.isEmpty() && failures.isEmpty()) {
      failures.add("no memory check was recorded: the run ended before its first phase was judged");
    }
    return new MemoryReport(SCHEMA_VERSION, start.simulation(), start.runId(), start.startedAt(), endedAt,
        start.target(), start.signals(), verdict(plan, checks, failures), failures,
        phases(plan, findings, readings, counts), readings.stream().map(ProbeRecord::of).toList(), checks,
        "samples.jsonl",
        noise(findings), start.build(), start.knownLeaks(), start.identity(),
        Arrays.stream(Status.values()).filter(plan::fails).toList());
  }

  /**
   * FAIL when a check fails the run as the plan says (a KO; undecided or unmeasured when the user chose so)
   * or the run itself failed; WARN when a check is undecided or unmeasured but the user chose to be warned.
   */
  private static RunVerdict verdict(RunPlan plan, List<CheckResult> checks, List<String> failures) {
    if (!failures.isEmpty() || checks.stream().anyMatch(c -> plan.fails(c.status()))) {
      return RunVerdict.FAIL;
    }
    boolean allPass = checks.stream().allMatch(c -> c.status() == Status.OK || c.status() == Status.NOT_JUDGED);
    return allPass ? RunVerdict.PASS : RunVerdict.WARN;
  }

  /**
   * A phase runs from the end of the probe before its first round to the start of the probe it was judged at
   * (the last round's, or its second look); its profiles are diffed between its baseline and that probe, as
   * its checks are. A judged phase says how it ended: the rounds that ran, why extra ones did, its second look.
   */
  private static List<PhaseRecord> phases(RunPlan plan, RunFindings findings, List<ProbeReading> readings,
      RequestCounts counts) {
    Map<Integer, ProbeReading> byIndex = readings.stream()
        .collect(Collectors.toMap(ProbeReading::index, Function.identity()));
    List<PhaseRecord> phases = new ArrayList<>();
    for (PhaseWindow window : plan.windows()) {
      Optional<PhaseEnd> ended = findings.end(window.phase());
      int opening = ended.map(PhaseEnd::openingProbe).orElse(window.openingProbe());
      int closing = ended.map(PhaseEnd::closingProbe).orElse(window.closingProbe());
      int roundsRun = ended.map(PhaseEnd::roundsRun).orElse(window.rounds());
      ProbeReading open = byIndex.get(opening);
      ProbeReading close = byIndex.get(closing);
      Instant begin = open == null ? null : open.takenAt().plus(open.took());
      Instant end = close == null ? null : close.takenAt();
      long requests = window.roundScenarios().subList(0, roundsRun).stream().mapToLong(counts::requests).sum();
      int baseline = window.rounds() > 1 ? window.baselineProbe() : opening;
      phases.add(new PhaseRecord(window.phase(), window.judged(), window.rounds(), roundsRun, begin, end, requests,
          baseline, closing, ended.map(PhaseEnd::extraRounds).orElse(List.of()),
          ended.map(PhaseEnd::secondLook).orElse("")));
    }
    return phases;
  }

  /** What the idle probes measured, and the spread the rates assumed (the largest any rate used). */
  private static NoiseRecord noise(RunFindings findings) {
    Optional<IdleNoise> idle = findings.noise();
    List<CheckResult> rates = findings.checks().stream()
        .filter(c -> c.kind().rule() == CheckKind.Rule.RATE && c.figures().noise() != null).toList();
    double heap = rates.stream().filter(c -> c.kind().isBytes()).mapToDouble(c -> c.figures().noise()).max()
        .orElse(0);
    double goroutines = rates.stream().filter(c -> !c.kind().isBytes()).mapToDouble(c -> c.figures().noise())
        .max().orElse(0);
    return new NoiseRecord(
        idle.filter(n -> n.heapDifference().isMeasured()).map(n -> n.heapDifference().value()).orElse(null),
        idle.filter(n -> n.goroutineDifference().isMeasured()).map(n -> n.goroutineDifference().value()).orElse(null),
        idle.map(n -> n.apart().toMillis()).orElse(0L), heap, goroutines);
  }

  /** Whether the run passed, with or without warnings. */
  public boolean passed() {
    return verdict.passes();
  }

  /** The checks judged by one rule (the growths, the rates or the baselines), in the order judged. */
  public List<CheckResult> checks(CheckKind.Rule rule) {
    return checks.stream().filter(c -> c.kind() != null && c.kind().rule() == rule).toList();
  }

  /** A phase's record, when the report has it. */
  public Optional<PhaseRecord> phase(String name) {
    return phases.stream().filter(p -> Objects.equals(p.name(), name)).findFirst();
  }

  /** The check of a kind in a scope, when the report has it. */
  public Optional<CheckResult> check(CheckKind kind, String scope) {
    return checks.stream().filter(c -> c.kind() == kind && Objects.equals(c.scope(), scope)).findFirst();
  }

  /** Whether any check was judged at all (a baseline not judged is none). */
  public boolean judgedAnything() {
    return checks.stream().anyMatch(c -> c.status() != Status.NOT_JUDGED);
  }

  /**
   * The map without the keys this reader does not know: a newer writer's signal or profile kind is read as
   * a null key (see {@link io.ginpreflight.model.Json}), and ignored like an unknown field.
   */
  static <K, V> Map<K, V> knownKeys(Map<K, V> values) {
    if (values == null) {
      return Map.of();
    }
    Map<K, V> known = new LinkedHashMap<>(values);
    known.remove(null);
    return known;
  }

  static String text(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
