package io.ginpreflight;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.config.ProbeSettings;
import io.ginpreflight.gatling.RequestCounter;
import io.ginpreflight.gatling.VerdictRecord;
import io.ginpreflight.signal.SignalClient;
import io.ginpreflight.target.OwnedTarget;
import io.ginpreflight.target.Target;
import io.ginpreflight.target.TargetStartFailure;
import io.ginpreflight.target.Targets;
import io.ginpreflight.verdict.CheckKind;
import io.ginpreflight.verdict.Limits;
import io.ginpreflight.watch.Measurement;
import io.ginpreflight.watch.LocalSignals;
import io.ginpreflight.watch.MemoryWatch;
import io.ginpreflight.watch.ProbeReading;
import io.ginpreflight.watch.ProcfsSignals;
import io.ginpreflight.watch.SignalEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one simulation run owns: its settings, the target (started here when it is the embedded
 * lab), the memory watch and the verdicts. Create it in the simulation's constructor and close it in
 * {@code after()}.
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
  private final Verdicts verdicts;
  private final RequestCounter requestCounter = new RequestCounter();
  private final RunFinisher finisher;
  private final double failedRequestsPercent;
  private volatile List<Boundary> plan = List.of();

  private PreflightRun(String simulation, Path runDir, Limits limits, Target target, OwnedTarget owned,
      MemoryWatch watch, RunFinisher.Settings finishing, double failedRequestsPercent) {
    this.failedRequestsPercent = failedRequestsPercent;
    this.simulation = simulation;
    this.runDir = runDir;
    this.limits = limits;
    this.target = target;
    this.owned = owned;
    this.watch = watch;
    this.verdicts = new Verdicts(requestCounter, new io.ginpreflight.watch.LeakSites(runDir));
    this.finisher = new RunFinisher(finishing, runDir, simulation, startedAt, () -> RunReport.of(this, plan,
        watch.capabilities().sources(), runDir.getFileName().toString(), Instant.now()));
  }

  /**
   * Reads the configuration and starts or finds the target. A bad setting or a target that cannot be
   * started ends the JVM here, before any load is sent ({@link CannotStart}).
   */
  public static PreflightRun start(Class<?> simulationClass) {
    try {
      return open(simulationClass.getSimpleName(), PreflightConfig.load());
    } catch (ConfigProblem | TargetStartFailure e) {
      throw CannotStart.exit(e);
    }
  }

  static PreflightRun open(String simulation, PreflightConfig config) {
    Path projectDir = Path.of(config.hasValue("preflight.project-dir")
        ? config.string("preflight.project-dir") : System.getProperty("user.dir")).toAbsolutePath();
    ProbeSettings probeSettings = ProbeSettings.from(config);
    Limits limits = Limits.from(config);
    Duration sampleInterval = config.positiveDuration("preflight.sampling.interval");
    Optional<SignalClient.AuthHeader> auth = authHeader(config);
    Optional<String> expvarUrl = config.optionalUrl("preflight.expvar.url");
    RunFinisher.Settings finishing = RunFinisher.Settings.from(config, projectDir);
    double failedRequestsPercent = config.nonNegativeDouble("preflight.limits.failed-requests-percent");
    Path runDir = projectDir.resolve("target/preflight")
        .resolve(simulation.toLowerCase() + "-" + LocalDateTime.now().format(FOLDER_TIME));
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the run folder " + runDir, e);
    }
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
    MemoryWatch watch = new MemoryWatch(new SignalClient(probeSettings.requestTimeout(), auth), endpoints, local,
        probeSettings, runDir);
    LOG.info("Gin Preflight: {} against {}; run folder {}", simulation, target.description(), runDir);
    LOG.info("signals: {}", watch.capabilities().summary());
    if (!watch.capabilities().offers("metrics") && limits.inconclusiveFails()) {
      // Every check would be inconclusive: say what to fix now rather than after minutes of load.
      String why = watch.capabilities().sources().get("metrics");
      watch.close();
      owned.close();
      throw new TargetStartFailure("The target's metrics cannot be read (" + why.substring("no: ".length())
          + "), so no memory check could be judged. Serve client_golang's /metrics, or set preflight.metrics.url; "
          + "with -Dpreflight.inconclusive=warn the run goes on without them.");
    }
    watch.startSampling(sampleInterval);
    return new PreflightRun(simulation, runDir, withoutUnofferedChecks(limits, watch), target, owned, watch,
        finishing, failedRequestsPercent);
  }

  /**
   * A check whose signal the target does not offer at all (a remote service has no temp directory we
   * can see) is not run, and the start-up line says so; a signal that was there at start and is missing
   * later makes its check inconclusive instead.
   */
  private static Limits withoutUnofferedChecks(Limits limits, MemoryWatch watch) {
    Limits applicable = limits;
    for (CheckKind kind : CheckKind.values()) {
      Measurement initial = watch.initial().get(kind.signal());
      if (limits.limitFor(kind).isPresent() && !initial.isMeasured()) {
        LOG.info("check {} not run: {}", kind.checkName(), initial.failure());
        applicable = applicable.off(kind);
      }
    }
    return applicable;
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

  public Verdicts verdicts() {
    return verdicts;
  }

  RequestCounter requestCounter() {
    return requestCounter;
  }

  /** The HTTP protocol for the target, counting each round's requests for the leak trend. */
  public HttpProtocolBuilder http() {
    return http.baseUrl(target.baseUrl()).check(requestCounter.check());
  }

  /** Probes at a boundary and, when it closes a judged phase, judges that phase. */
  CompletableFuture<List<VerdictRecord>> probe(Boundary boundary, Limits phaseLimits) {
    return watch.probe(boundary.index(), boundary.label()).thenApply(reading -> {
      watch.enterPhase(boundary.nextStep());
      return verdicts.record(boundary, reading, phaseLimits);
    });
  }

  /** The run's probe points, in order; set by {@link Preflight#populations}. */
  void plan(List<Boundary> boundaries) {
    this.plan = List.copyOf(boundaries);
  }

  /** Stops what this run started and writes the memory reports. Never throws: Gatling must still report. */
  @Override
  public void close() {
    watch.close();
    owned.close();
    finisher.finish();
    LOG.info("Gin Preflight: {}; run folder {}", verdicts.summary(), runDir);
  }
}
