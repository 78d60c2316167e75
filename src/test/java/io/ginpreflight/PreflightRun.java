package io.ginpreflight;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.ginpreflight.config.CompareWith;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.DistributionSettings;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.config.ProbeSettings;
import io.ginpreflight.config.ProjectVersion;
import io.ginpreflight.gatling.GeneratorTimeline;
import io.ginpreflight.gatling.RawClients;
import io.ginpreflight.gatling.RequestCounter;
import io.ginpreflight.gatling.WholeRunCounts;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.gatling.VerdictRecord;
import io.ginpreflight.model.BaselineHistory;
import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.KnownLeakNote;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RunIdentity;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Source;
import io.ginpreflight.plan.BaselineSettings;
import io.ginpreflight.plan.Generators;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.PlannedPhase;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.report.PushgatewaySettings;
import io.ginpreflight.report.RunFacts;
import io.ginpreflight.report.RunFinisher;
import io.ginpreflight.report.RunHistory;
import io.ginpreflight.report.RunReport;
import io.ginpreflight.signal.GoInfo;
import io.ginpreflight.signal.KnownLeaks;
import io.ginpreflight.signal.SignalClient;
import io.ginpreflight.signal.SiteContext;
import io.ginpreflight.target.OwnedTarget;
import io.ginpreflight.target.Target;
import io.ginpreflight.target.TargetIdentities;
import io.ginpreflight.target.TargetReachability;
import io.ginpreflight.target.TargetStartFailure;
import io.ginpreflight.target.Targets;
import io.ginpreflight.verdict.Judge;
import io.ginpreflight.verdict.LeakSites;
import io.ginpreflight.watch.LocalSignals;
import io.ginpreflight.watch.MemoryWatch;
import io.ginpreflight.watch.ProcfsSignals;
import io.ginpreflight.watch.SignalEndpoints;
import io.ginpreflight.watch.TargetBuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
  private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

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

  private PreflightRun(String simulation, Path runDir, Limits limits, Target target, OwnedTarget owned,
      MemoryWatch watch, RunFinisher.Settings finishing, double failedRequestsPercent, Duration sampleInterval,
      Optional<DistributionSettings> distribution, BuildInfo build, RunIdentity identity, BaselineSettings baseline,
      BaselineHistory history) {
    this.identity = identity;
    this.baseline = baseline;
    this.history = history;
    this.sampleInterval = sampleInterval;
    this.distribution = distribution;
    this.requestCounter = new RequestCounter(distribution.isPresent());
    this.counts = requestCounter;
    this.build = build;
    this.knownLeaks = KnownLeaks.curated().flag(build);
    this.failedRequestsPercent = failedRequestsPercent;
    this.simulation = simulation;
    this.runDir = runDir;
    this.limits = limits;
    this.target = target;
    this.owned = owned;
    this.watch = watch;
    this.finishing = finishing;
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
    Path projectDir = Path.of(config.hasValue("preflight.project-dir")
        ? config.string("preflight.project-dir") : System.getProperty("user.dir")).toAbsolutePath();
    ProbeSettings probeSettings = ProbeSettings.from(config);
    Limits limits = Limits.from(config);
    Duration sampleInterval = config.positiveDuration("preflight.sampling.interval");
    Optional<SignalClient.AuthHeader> auth = authHeader(config);
    Optional<String> expvarUrl = config.optionalUrl("preflight.expvar.url");
    RunFinisher.Settings finishing = finishingSettings(config, projectDir);
    BaselineSettings baseline = BaselineSettings.from(config);
    TargetIdentities.Named named = TargetIdentities.of(config, projectDir);
    double failedRequestsPercent = config.nonNegativeDouble("preflight.limits.failed-requests-percent");
    Optional<DistributionSettings> distribution = DistributionSettings.from(config);
    // Local generators share one project: each needs its own folder, or the second overwrites the first.
    String generator = distribution.flatMap(d -> Generators.local(d)).map(g -> "-generator-" + g.index()).orElse("");
    Path runDir = projectDir.resolve("target/preflight")
        .resolve(simulation.toLowerCase() + "-" + LocalDateTime.now().format(FOLDER_TIME) + generator);
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the run folder " + runDir, e);
    }
    Optional<String> ownModule = TargetBuild.configuredModule(config);
    OwnedTarget owned = Targets.open(config, projectDir, runDir);
    Target target = owned.target();
    if (target.local().isEmpty()) {
      // A remote target was not health-checked by a launcher: it must answer before any load is sent.
      TargetReachability.require(target.baseUrl(), probeSettings.requestTimeout());
    }
    Optional<LocalSignals> local = target.local()
        .map(process -> new ProcfsSignals(process.pid(), process.tempDir(), process::death));
    SignalEndpoints endpoints = new SignalEndpoints(Optional.of(target.metricsUrl()), target.pprofUrl(),
        Optional.of(expvarUrl.orElse(target.baseUrl() + "/debug/vars")));
    SignalClient client = new SignalClient(probeSettings.requestTimeout(), auth);
    MemoryWatch watch = new MemoryWatch(client, endpoints, local, probeSettings, runDir);
    LOG.info("Gin Preflight: {} against {}; run folder {}", simulation, target.description(), runDir);
    LOG.info("signals: {}", watch.capabilities().summary());
    if (!watch.capabilities().offers(Source.METRICS) && limits.inconclusiveFails()) {
      // Every check would be inconclusive: say what to fix now rather than after minutes of load.
      String why = watch.capabilities().sources().get(Source.METRICS).detail();
      watch.close();
      owned.close();
      throw new TargetStartFailure("The target's metrics cannot be read (" + why
          + "), so no memory check could be judged. Serve client_golang's /metrics, or set preflight.metrics.url; "
          + "with -Dpreflight.inconclusive=warn the run goes on without them.");
    }
    BuildInfo build = TargetBuild.of(target.local().map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty()),
        ownModule);
    LOG.info("build: {}", build.summary());
    RunIdentity identity = identity(named, simulation, profile, projectDir, build,
        () -> GoInfo.version(client, target.metricsUrl()));
    BaselineHistory history = baseline.enabled()
        ? RunHistory.of(finishing.reportsDir(), identity, baseline.since())
        : BaselineHistory.empty("off (preflight.baseline)");
    LOG.info("history: runs compared as {}; baseline: {}", identity.comparableKey(), history.source());
    PreflightRun run = new PreflightRun(simulation, runDir, limits, target, owned, watch, finishing,
        failedRequestsPercent, sampleInterval, distribution, build, identity, baseline, history);
    if (distribution.isEmpty()) {
      run.beginWatching();
    }
    return run;
  }

  /**
   * What the history compares the run by. The Go version and modules come from the binary's build info when
   * it was read, else the version from client_golang's go_info (a remote target's only source).
   */
  private static RunIdentity identity(TargetIdentities.Named named, String simulation, String profile,
      Path projectDir, BuildInfo build, java.util.function.Supplier<Optional<String>> goInfo) {
    Map<String, String> modules = new LinkedHashMap<>();
    if (build.known()) {
      build.dependencies().forEach(m -> modules.put(m.path(), m.version()));
    }
    String goVersion = build.known() && !build.goVersion().isEmpty() ? build.goVersion() : goInfo.get().orElse(null);
    return new RunIdentity(named.kind(), named.name(), named.flags(), simulation, profile,
        ProjectVersion.read(projectDir), goVersion, modules);
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

  /** Read at start, so a bad reports or Pushgateway key fails before the load rather than after it. */
  private static RunFinisher.Settings finishingSettings(PreflightConfig config, Path projectDir) {
    Optional<PushgatewaySettings> push = config.optionalUrl("preflight.pushgateway.url").map(url ->
        new PushgatewaySettings(url, config.string("preflight.pushgateway.job"),
            config.stringMap("preflight.pushgateway.grouping"),
            config.hasValue("preflight.pushgateway.username-env")
                ? config.string("preflight.pushgateway.username-env") : null,
            config.hasValue("preflight.pushgateway.password-env")
                ? config.string("preflight.pushgateway.password-env") : null));
    return new RunFinisher.Settings(projectDir.resolve(config.string("preflight.reports.gatling-results")),
        projectDir.resolve(config.string("preflight.reports.dir")),
        config.positiveInt("preflight.reports.keep"), push, CompareWith.from(config, projectDir));
  }

  private static Optional<SignalClient.AuthHeader> authHeader(PreflightConfig config) {
    if (!config.hasValue("preflight.auth.value-env")) {
      return Optional.empty();
    }
    String variable = config.string("preflight.auth.value-env");
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      throw new ConfigProblem("Configuration key 'preflight.auth.value-env' names the environment variable '"
          + variable + "', which is not set: export it with the auth header's value, or unset the key.");
    }
    return Optional.of(new SignalClient.AuthHeader(config.string("preflight.auth.header"), value));
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
