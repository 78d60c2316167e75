package io.ginpreflight;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.DistributionSettings;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.gatling.GeneratorTimeline;
import io.ginpreflight.gatling.RawClients;
import io.ginpreflight.gatling.RequestCounter;
import io.ginpreflight.gatling.VerdictRecord;
import io.ginpreflight.gatling.WholeRunCounts;
import io.ginpreflight.model.BaselineHistory;
import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.KnownLeakNote;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.RunIdentity;
import io.ginpreflight.model.Signal;
import io.ginpreflight.plan.BaselineSettings;
import io.ginpreflight.plan.Generators;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.PlannedPhase;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.report.RunFacts;
import io.ginpreflight.report.RunFinisher;
import io.ginpreflight.signal.KnownLeaks;
import io.ginpreflight.signal.SiteContext;
import io.ginpreflight.target.OwnedTarget;
import io.ginpreflight.target.Target;
import io.ginpreflight.target.TargetStartFailure;
import io.ginpreflight.verdict.Judge;
import io.ginpreflight.verdict.LeakSites;
import io.ginpreflight.watch.Capabilities;
import io.ginpreflight.watch.MemoryWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one simulation run owns: its settings, the target (started here when it is the embedded
 * lab), the memory watch and the verdicts. Opened in the simulation's constructor and closed in
 * {@code after()}, both by {@code simulations/WatchedSimulation}.
 */
public final class PreflightRun implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PreflightRun.class);

  private final String simulation;
  private final Path runDir;
  private final Instant startedAt = Instant.now();
  private final Limits limits;
  private final Target target;
  private final OwnedTarget owned;
  private final MemoryWatch watch;
  private final RequestCounter requestCounter;
  private final RawClients rawClients = new RawClients();
  private final RunFindings findings = new RunFindings();
  private final RunFinisher.Settings finishing;
  private final double failedRequestsPercent;
  private final Map<Signal, String> unoffered;
  private final Duration sampleInterval;
  /** Present when several generators run this simulation: phases on a fixed schedule (docs/distributed.md). */
  private final Optional<DistributionSettings> distribution;
  /**
   * Read with no load before the first probe: the two together measure the target's noise at rest. On
   * one machine read at open; on a distributed run by the probe user, so only its generator watches.
   */
  private volatile ProbeReading idle;
  /** Set once by {@link #plan}. */
  private volatile RunPlan planned;
  /** The judge and the finisher that reports: set once the run watches (never on a non-probing generator). */
  private volatile Judging judging;
  /** A distributed run's schedule as this generator keeps it; set by {@link #schedule}. */
  private volatile GeneratorTimeline timeline;
  /** What the rates divide by: this JVM's counts, or on a distributed run the whole run's estimate. */
  private volatile RequestCounts counts;
  private final BuildInfo build;
  private final List<KnownLeakNote> knownLeaks;
  private final RunIdentity identity;
  /** The earlier comparable runs, read before any load; the plan compares each judged phase with them. */
  private final BaselineSettings baseline;
  private final BaselineHistory history;

  private record Judging(Judge judge, RunFinisher finisher) {}

  PreflightRun(RunOpening.Parts parts) {
    this.identity = parts.identity();
    this.baseline = parts.baseline();
    this.history = parts.history();
    this.sampleInterval = parts.sampleInterval();
    this.distribution = parts.distribution();
    this.requestCounter = new RequestCounter(distribution.isPresent());
    this.counts = requestCounter;
    this.build = parts.build();
    this.knownLeaks = KnownLeaks.curated().flag(build);
    this.failedRequestsPercent = parts.failedRequestsPercent();
    this.simulation = parts.simulation();
    this.runDir = parts.runDir();
    this.limits = parts.limits();
    this.target = parts.target();
    this.owned = parts.owned();
    this.watch = parts.watch();
    this.finishing = parts.finishing();
    this.unoffered = unofferedSignals(watch);
  }

  /**
   * Starts or finds the target of a simulation, with the run's configuration (loaded once, by the
   * simulation, which has read its endpoint families from it already). Simulations call it through
   * {@code simulations/WatchedSimulation}, which ends the JVM on either refusal ({@link CannotStart}).
   *
   * @throws ConfigProblem for a setting that cannot work
   * @throws TargetStartFailure when the target cannot be started, does not answer or offers no metrics
   */
  public static PreflightRun open(String simulation, PreflightConfig config) {
    return open(simulation, config, config.string("preflight.profile"));
  }

  /**
   * As {@link #open(String, PreflightConfig)}, for a simulation whose load profile is its own (the soak is
   * always nightly; hand-written phases are {@code custom}): runs are compared within one profile.
   */
  public static PreflightRun open(String simulation, PreflightConfig config, String profile) {
    return RunOpening.open(simulation, config, profile);
  }

  /**
   * Starts the samples and reads the idle probe. A distributed run calls it from its probe user, so a
   * generator that holds no probe user samples, probes and judges nothing.
   */
  void beginWatching() {
    watch.startSampling(sampleInterval);
    idle = watch.idleProbe();
    startJudging();
  }

  private void startJudging() {
    RunPlan plan = planned;
    if (plan == null || idle == null || judging != null) {
      return;
    }
    Map<String, String> notes = new LinkedHashMap<>();
    knownLeaks.forEach(note -> notes.putIfAbsent(note.module(), note.sentence()));
    Judge judge = new Judge(plan, counts, new LeakSites(runDir, new SiteContext(build, notes)), findings,
        Optional.of(idle));
    RunFacts facts = new RunFacts(simulation, runDir.getFileName().toString(), startedAt, target.description(),
        watch.capabilities().sources(), plan, findings, counts, build, knownLeaks, identity);
    judging = new Judging(judge, new RunFinisher(finishing, runDir, facts));
  }

  /** The distributed layout, when several generators run this simulation. */
  Optional<DistributionSettings> distribution() {
    return distribution;
  }

  /**
   * False only on a local generator (preflight.generators.*) whose share of the probe population is empty;
   * on Gatling Enterprise every generator may hold it, and the merged results hold each verdict once.
   */
  boolean mayProbe() {
    return distribution.flatMap(Generators::local).map(Generators::holdsProbeUser).orElse(true);
  }

  /**
   * Keeps the distributed run's schedule, written as generator.json when the run closes.
   *
   * @param scale per step scenario, all generators' users over the probing generator's share: its request
   *     counts, scaled by it, stand for the whole run's in the rates
   */
  void schedule(GeneratorTimeline timeline, Map<String, Double> scale) {
    this.timeline = timeline;
    this.counts = new WholeRunCounts(requestCounter, scale);
  }

  /**
   * Signals the target does not offer at all (a remote service has no temp directory we can see), with
   * why: the plan runs no check of theirs. A signal that was there at start and is missing later makes
   * its check inconclusive instead.
   */
  private static Map<Signal, String> unofferedSignals(MemoryWatch watch) {
    Map<Signal, String> unoffered = new LinkedHashMap<>();
    for (CheckKind kind : CheckKind.values()) {
      Measurement initial = watch.initial().get(kind.signal());
      if (!initial.isMeasured()) {
        unoffered.put(kind.signal(), initial.failure());
      }
    }
    return unoffered;
  }

  /** What the target offers, as asked once at start (the start-up line's "signals"). */
  public Capabilities capabilities() {
    return watch.capabilities();
  }

  /** Every signal as the idle probe read it before any load; empty until the run watches. */
  public Optional<ProbeReading> idleReading() {
    return Optional.ofNullable(idle);
  }

  /** The run's folder under target/preflight: its samples, reports and generated files. */
  public Path runDir() {
    return runDir;
  }

  public Target target() {
    return target;
  }

  public Limits limits() {
    return limits;
  }

  /** Above this share of failed responses, a request name did not really load its endpoint. */
  public double failedRequestsPercentLimit() {
    return failedRequestsPercent;
  }

  public String simulation() {
    return simulation;
  }

  public Instant startedAt() {
    return startedAt;
  }

  RequestCounter requestCounter() {
    return requestCounter;
  }

  /** The threads of this run's raw-socket clients, closed with the run. */
  public RawClients rawClients() {
    return rawClients;
  }

  /** The HTTP protocol for the target, counting each round's requests for the leak trend. */
  public HttpProtocolBuilder http() {
    return http.baseUrl(target.baseUrl()).check(requestCounter.check());
  }

  /**
   * Fixes the run's plan, once, before any load: from here on the probes are judged by it and the
   * reports are written from it. Checks of signals the target does not offer are left out, and said.
   *
   * @param simulationLimits the configured limits as the simulation adjusted them, for the whole run
   */
  RunPlan plan(List<PlannedPhase> phases, Limits simulationLimits) {
    if (planned != null) {
      throw new IllegalStateException("The run's plan is already set: call Preflight.populations(run) once.");
    }
    RunPlan plan = RunPlan.of(phases, simulationLimits, unoffered.keySet())
        .withBaselines(baseline, history, unoffered.keySet());
    for (CheckKind kind : CheckKind.values()) {
      if (limits.limitFor(kind).isPresent() && unoffered.containsKey(kind.signal())) {
        LOG.info("check {} not run: {}", kind.checkName(), unoffered.get(kind.signal()));
      }
    }
    planned = plan;
    startJudging();
    return plan;
  }

  /** The plan fixed by {@link Preflight#populations}. */
  RunPlan plannedRun() {
    if (planned == null) {
      throw new IllegalStateException("The run has no plan yet: call Preflight.populations(run) before "
          + "Preflight.assertions(run).");
    }
    return planned;
  }

  /** Probes at a probe point and judges what it closes. */
  CompletableFuture<List<VerdictRecord>> probe(ProbePoint point) {
    Judging j = judging;
    j.finisher().locateGatlingFolder();
    return watch.probe(point.index(), point.label(), planned.keepsProfiles(point.index())).thenApply(reading -> {
      watch.enterPhase(point.nextStep());
      return j.judge().record(point, reading).stream().map(VerdictRecord::of).toList();
    });
  }

  /**
   * A run-level failure that is not a check, e.g. a distributed run's probe that overran its slot: logged,
   * and in memory.json's failures (the first one is the cause).
   */
  void runFailure(String failure) {
    LOG.warn(failure);
    findings.addFirstFailure(failure);
  }

  /** Stops what this run started and writes the memory reports. Never throws: Gatling must still report. */
  @Override
  public void close() {
    rawClients.close();
    watch.close();
    owned.close();
    GeneratorTimeline t = timeline;
    if (t != null) {
      t.write(runDir, requestCounter).ifPresent(LOG::warn);
    }
    Judging j = judging;
    if (j != null) {
      j.finisher().finish();
    } else if (distribution.isPresent()) {
      LOG.info("Gin Preflight: this generator held no probe user, so it watched and judged nothing and writes no "
          + "memory report: the generator that probed writes memory.html (docs/distributed.md)");
      return;
    }
    LOG.info("Gin Preflight: {}; run folder {}", findings.summary(), runDir);
  }
}
