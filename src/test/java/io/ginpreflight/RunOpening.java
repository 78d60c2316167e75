package io.ginpreflight;

import io.ginpreflight.config.CompareWith;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.DistributionSettings;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.config.ProbeSettings;
import io.ginpreflight.config.ProjectVersion;
import io.ginpreflight.model.BaselineHistory;
import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.RunIdentity;
import io.ginpreflight.model.Source;
import io.ginpreflight.plan.AttributionSettings;
import io.ginpreflight.plan.BaselineSettings;
import io.ginpreflight.plan.Generators;
import io.ginpreflight.plan.Limits;
import io.ginpreflight.plan.Sequencing;
import io.ginpreflight.report.PushgatewaySettings;
import io.ginpreflight.report.RunFinisher;
import io.ginpreflight.report.RunHistory;
import io.ginpreflight.signal.GoInfo;
import io.ginpreflight.signal.HeapProfileText;
import io.ginpreflight.signal.SignalClient;
import io.ginpreflight.target.OwnedTarget;
import io.ginpreflight.target.Target;
import io.ginpreflight.target.TargetIdentities;
import io.ginpreflight.target.TargetReachability;
import io.ginpreflight.target.TargetStartFailure;
import io.ginpreflight.target.Targets;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a run: reads every setting a run needs before any load (so a bad key stops it at once), creates
 * the run folder, starts or finds the target, reads its build, checks it offers pprof or metrics, reads the history
 * the baseline compares with, then hands the parts to {@link PreflightRun}, which owns them from there.
 */
final class RunOpening {

  /** The run's logger: its opening lines read as the run's, as they always have. */
  private static final Logger LOG = LoggerFactory.getLogger(PreflightRun.class);
  private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** What an opened run is made of, in the order {@link #open} finds them. */
  record Parts(String simulation, Path runDir, Limits limits, Target target, OwnedTarget owned, MemoryWatch watch,
      RunFinisher.Settings finishing, double failedRequestsPercent, Duration sampleInterval,
      Optional<DistributionSettings> distribution, BuildInfo build, RunIdentity identity, BaselineSettings baseline,
      BaselineHistory history, Sequencing sequencing, AttributionSettings attribution) {}

  private RunOpening() {}

  /** See {@link PreflightRun#open(String, PreflightConfig, String)}. */
  static PreflightRun open(String simulation, PreflightConfig config, String profile) {
    Path projectDir = Path.of(config.hasValue("preflight.project-dir")
        ? config.string("preflight.project-dir") : System.getProperty("user.dir")).toAbsolutePath();
    ProbeSettings probeSettings = ProbeSettings.from(config);
    Limits limits = Limits.from(config);
    Sequencing configured = Sequencing.from(config);
    Duration sampleInterval = config.positiveDuration("preflight.sampling.interval");
    Optional<SignalClient.AuthHeader> auth = authHeader(config);
    Optional<String> expvarUrl = config.optionalUrl("preflight.expvar.url");
    RunFinisher.Settings finishing = finishingSettings(config, projectDir);
    BaselineSettings baseline = BaselineSettings.from(config);
    TargetIdentities.Named named = TargetIdentities.of(config, projectDir);
    double failedRequestsPercent = config.nonNegativeDouble("preflight.limits.failed-requests-percent");
    Optional<DistributionSettings> distribution = DistributionSettings.from(config);
    // A distributed run's phases sit on a fixed schedule: no round can be added, and a probe slot has no room
    // for a second look.
    Sequencing sequencing = distribution.isPresent() ? Sequencing.NONE : configured;
    // Nor any room for the rounds that drive a failed family's requests apart.
    AttributionSettings attribution = distribution.isPresent() ? AttributionSettings.OFF
        : AttributionSettings.from(config);
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
    // Before the watch: which Go built the target decides what to say about a missing goroutineleak profile.
    BuildInfo build = TargetBuild.of(target.local().map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty()),
        ownModule);
    MemoryWatch watch = new MemoryWatch(client, endpoints, local,
        Optional.of(build.goVersion()).filter(v -> !v.isBlank()), probeSettings, runDir);
    LOG.info("Gin Preflight: {} against {}; run folder {}", simulation, target.description(), runDir);
    LOG.info("signals: {}, heap sampling: {}", watch.capabilities().summary(), owned.sampling()
        .describe(heapSamplingRate(client, target, watch), Targets.memProfileRate(config).orElse(SUGGESTED_RATE)));
    if (!watch.capabilities().offers(Source.METRICS) && !watch.capabilities().offers(Source.PPROF)
        && limits.inconclusiveFails()) {
      // Neither the heap nor the goroutines could be read: say what to fix now rather than after minutes of load.
      String metrics = watch.capabilities().sources().get(Source.METRICS).detail();
      String pprof = watch.capabilities().sources().get(Source.PPROF).detail();
      watch.close();
      owned.close();
      throw new TargetStartFailure("The target's memory cannot be read: neither pprof (" + pprof + ") nor metrics ("
          + metrics + ") answered, so no memory check could be judged. Serve net/http/pprof and set "
          + "preflight.pprof.url (or client_golang's /metrics and preflight.metrics.url); with "
          + "-Dpreflight.inconclusive=warn the run goes on without them.");
    }
    LOG.info("build: {}", build.summary());
    RunIdentity identity = identity(named, simulation, profile, projectDir, build,
        () -> GoInfo.version(client, target.metricsUrl()));
    BaselineHistory history = baseline.enabled()
        ? RunHistory.of(finishing.reportsDir(), identity, baseline.since())
        : BaselineHistory.empty("off (preflight.baseline)");
    LOG.info("history: runs compared as {}; baseline: {}", identity.comparableKey(), history.source());
    PreflightRun run = new PreflightRun(new Parts(simulation, runDir, limits, target, owned, watch, finishing,
        failedRequestsPercent, sampleInterval, distribution, build, identity, baseline, history, sequencing,
        attribution));
    if (distribution.isEmpty()) {
      run.beginWatching();
    }
    return run;
  }

  /** The rate the advice for a target the suite does not start names, when preflight.target.memprofilerate is off. */
  private static final long SUGGESTED_RATE = 4096;

  /** The heap profile's sampling rate in force, from its header; empty without pprof. */
  private static OptionalLong heapSamplingRate(SignalClient client, Target target, MemoryWatch watch) {
    if (target.pprofUrl().isEmpty() || !watch.capabilities().offers(Source.PPROF)) {
      return OptionalLong.empty();
    }
    try {
      return HeapProfileText.samplingRateOf(client.get(target.pprofUrl().get() + "/heap?debug=1"));
    } catch (io.ginpreflight.signal.SignalUnavailable e) {
      return OptionalLong.empty();
    }
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
}
