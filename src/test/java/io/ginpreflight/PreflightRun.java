package io.ginpreflight;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.DistributionSettings;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.gatling.AloneStatus;
import io.ginpreflight.gatling.GeneratorTimeline;
import io.ginpreflight.gatling.JourneyParts;
import io.ginpreflight.gatling.RawClients;
import io.ginpreflight.gatling.RequestCounter;
import io.ginpreflight.gatling.Exchanges;
import io.ginpreflight.gatling.GatlingRecord;
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
import io.ginpreflight.plan.AttributionSettings;
import io.ginpreflight.plan.BaselineSettings;
import io.ginpreflight.plan.Generators;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.PlannedPhase;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.plan.Sequencing;
import io.ginpreflight.report.MemoryReport;
import io.ginpreflight.report.RunFinisher;
import io.ginpreflight.report.RunStart;
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
 * lab), the memory watch, and once the simulation's phases are known its plan, judge and reports. Opened in
 * the simulation's constructor and closed in {@code after()}, both by {@code simulations/WatchedSimulation}.
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
  private final BuildInfo build;
  private final List<KnownLeakNote> knownLeaks;
  private final RunIdentity identity;
  /** The earlier comparable runs, read before any load; the plan compares each judged phase with them. */
  private final BaselineSettings baseline;
  private final BaselineHistory history;
  /** How phases decide before they stop: extra rounds, their time, the second look. */
  private final Sequencing sequencing;
  /** Whether a failed rate's requests are driven apart afterwards, and for how long at most. */
  private final AttributionSettings attribution;
  /**
   * Read with no load before the first probe: the two together measure the target's noise at rest. On
   * one machine read at open; on a distributed run by the probe user, so only its generator watches.
   */
  private volatile ProbeReading idle;
  /** The plan the simulation's phases were laid out in, and what judges by it; set once by {@link #plan}. */
  private volatile Planned planned;
  /** Writes the reports: from when the run both has its plan and watches (never on a non-probing generator). */
  private volatile RunFinisher finisher;

  /** A plan and what follows from it: the judge, and a distributed run's schedule. */
  private record Planned(RunPlan plan, Judge judge, ProbeSteps steps, RequestCounts counts,
      Optional<ScheduledPopulations.Schedule> schedule) {}

  PreflightRun(RunOpening.Parts parts) {
    this.identity = parts.identity();
    this.baseline = parts.baseline();
    this.history = parts.history();
    this.sequencing = parts.sequencing();
    this.attribution = parts.attribution();
    this.sampleInterval = parts.sampleInterval();
    this.distribution = parts.distribution();
    this.requestCounter = new RequestCounter(distribution.isPresent());
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
    startReporting();
  }

  /**
   * Lays out the run's plan from the simulation's phases, once, before any load: the probes are judged by
   * it and the reports written from it, and the simulation builds its populations and assertions from it.
   * Checks of signals the target does not offer are left out, and said.
   *
   * @throws IllegalStateException when the run has a plan already
   */
  public RunPlan plan(Preflight preflight) {
    List<PlannedPhase> phases = preflight.plannedPhases(limits, sequencing);
    // The simulation's adjustments reach the whole run's checks too, not only its phases.
    RunPlan plan = RunPlan.of(phases, preflight.limits(limits), unoffered.keySet(), baseline, history, sequencing,
        attribution);
    Optional<ScheduledPopulations.Schedule> schedule = distribution
        .map(settings -> ScheduledPopulations.schedule(preflight.phaseList(), plan, settings));
    // On a distributed run the rates divide by the whole run's requests, estimated from this generator's.
    RequestCounts counts = schedule.<RequestCounts>map(s -> new WholeRunCounts(requestCounter, s.scale()))
        .orElse(requestCounter);
    Map<String, String> notes = new LinkedHashMap<>();
    knownLeaks.forEach(note -> notes.putIfAbsent(note.module(), note.sentence()));
    Judge judge = new Judge(plan, counts, new LeakSites(new SiteContext(build, notes)), findings,
        () -> Optional.ofNullable(idle));
    synchronized (this) {
      if (planned != null) {
        throw new IllegalStateException("The run has a plan already: a run is judged by one plan.");
      }
      planned = new Planned(plan, judge, new ProbeSteps(plan, judge, watch), counts, schedule);
    }
    plan.judgedWindows().stream().filter(w -> !w.growthOnly().isEmpty())
        .forEach(w -> LOG.info("phase \"{}\" is judged by its growth checks only: {}", w.phase(), w.growthOnly()));
    for (CheckKind kind : CheckKind.judgedBy(CheckKind.Rule.GROWTH)) {
      if (limits.limitFor(kind).isPresent() && unoffered.containsKey(kind.signal())) {
        LOG.info("check {} not run: {}", kind.checkName(), unoffered.get(kind.signal()));
      }
    }
    startReporting();
    return plan;
  }

  /** The reports start once the run has both its plan and its idle probe, whichever comes last. */
  private synchronized void startReporting() {
    Planned p = planned;
    if (p == null || idle == null || finisher != null) {
      return;
    }
    RunStart start = new RunStart(simulation, runDir.getFileName().toString(), startedAt, target.description(),
        watch.capabilities().sources(), build, knownLeaks, identity);
    finisher = new RunFinisher(finishing, runDir, start,
        () -> MemoryReport.of(start, p.plan(), findings, p.counts(), Instant.now()), p.judge()::profiles);
  }

  /** A distributed run's schedule, laid out with its plan; empty on one machine. */
  Optional<ScheduledPopulations.Schedule> schedule() {
    Planned p = planned;
    return p == null ? Optional.empty() : p.schedule();
  }

  /**
   * False only on a local generator (preflight.generators.*) whose share of the probe population is empty;
   * on Gatling Enterprise every generator may hold it, and the merged results hold each verdict once.
   */
  boolean mayProbe() {
    return distribution.flatMap(Generators::local).map(Generators::holdsProbeUser).orElse(true);
  }

  /**
   * Signals the target does not offer at all (a remote service has no temp directory we can see), with
   * why: the plan runs no check of theirs. A signal that was there at start and is missing later makes
   * its check inconclusive instead.
   */
  private static Map<Signal, String> unofferedSignals(MemoryWatch watch) {
    Map<Signal, String> unoffered = new LinkedHashMap<>();
    for (CheckKind kind : CheckKind.judgedBy(CheckKind.Rule.GROWTH)) {
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

  /** The status check of a request an attribution round sends without the rest of its journey. */
  public AloneStatus aloneStatus() {
    return new AloneStatus(requestCounter);
  }

  /** Counts a family's SSE streams, WebSocket conversations and raw-socket requests with its HTTP requests. */
  public Exchanges exchanges() {
    return new Exchanges(requestCounter);
  }

  /** The HTTP protocol for the target, counting each round's requests for the leak rates. */
  public HttpProtocolBuilder http() {
    return http.baseUrl(target.baseUrl()).check(requestCounter.check());
  }

  /**
   * Probes at a probe point of the run's plan and judges what it leads to, as Gatling records
   * ({@link ProbeSteps}).
   */
  CompletableFuture<List<GatlingRecord>> probe(ProbePoint point) {
    Planned p = planned;
    RunFinisher reports = finisher;
    if (p == null || reports == null) {
      throw new IllegalStateException("Probe " + (point.index() + 1) + " was asked for before the run had its "
          + "plan and watched: build the populations from run.plan(preflight).");
    }
    reports.locateGatlingFolder();
    return p.steps().probe(point);
  }

  /** Whether a round of a phase runs: asked for by the time its population starts (extra rounds). */
  boolean runsRound(PhaseWindow window, int round) {
    Planned p = planned;
    return p != null && p.steps().runsRound(window, round);
  }

  /** Whether an attribution round of a phase runs: its attribution chose requests for it by the time it starts. */
  boolean runsAttribution(PhaseWindow window, int round) {
    Planned p = planned;
    return p != null && p.judge().runsAttribution(window, round);
  }

  /** Which requests an attribution round sends, and the group Gatling's report shows them under. */
  JourneyParts.Selection attributionSelection(PhaseWindow window, int round) {
    return new JourneyParts.Selection() {
      @Override
      public boolean drives(io.gatling.javaapi.core.Session session, int part) {
        Planned p = planned;
        return p != null && p.judge().attributionDrives(window, round, part);
      }

      @Override
      public String group(io.gatling.javaapi.core.Session session) {
        Planned p = planned;
        return p == null ? window.phase() + " attribution " + round : p.judge().attributionGroup(window, round);
      }
    };
  }

  /** The checks of a phase decided apart (extra rounds, an attribution), as Gatling records, once it is decided. */
  CompletableFuture<List<GatlingRecord>> decision(PhaseWindow window) {
    return planned.steps().decision(window);
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
    Planned p = planned;
    if (p != null) {
      p.steps().end("the run ended before the phase was decided");
    }
    rawClients.close();
    watch.close();
    owned.close();
    Optional<GeneratorTimeline> timeline = schedule().map(ScheduledPopulations.Schedule::timeline);
    timeline.ifPresent(t -> t.write(runDir, requestCounter).ifPresent(LOG::warn));
    RunFinisher reports = finisher;
    if (reports != null) {
      reports.finish();
    } else if (distribution.isPresent()) {
      LOG.info("Gin Preflight: this generator held no probe user, so it watched and judged nothing and writes no "
          + "memory report: the generator that probed writes memory.html (docs/distributed.md)");
      return;
    }
    LOG.info("Gin Preflight: {}; run folder {}", findings.summary(), runDir);
  }
}
