package io.ginpreflight.target;

import io.ginpreflight.config.LabSettings;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.config.TargetSettings;
import io.ginpreflight.config.ConfigProblem;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Chooses and opens the target of a run from its settings, one of four ways: the user's service
 * started by the suite ({@code preflight.target.command}), attached by PID ({@code preflight.target.pid}),
 * remote ({@code preflight.target.url} alone), or the embedded gin-lab (none of them).
 */
public final class Targets {

  private Targets() {}

  /**
   * Starts or finds the target. Throws {@link io.ginpreflight.config.ConfigProblem} for settings that
   * cannot work and {@link TargetStartFailure} for a service that does not start or become healthy.
   */
  public static OwnedTarget open(PreflightConfig config, Path projectDir, Path runDir) {
    TargetSettings settings = TargetSettings.from(config);
    OptionalLong rate = memProfileRate(config);
    if (!settings.isExternal()) {
      HeapSampling sampling = HeapSampling.forStarted(rate, Map.of(), System.getenv());
      EmbeddedLab lab = EmbeddedLab.start(LabSettings.from(config, projectDir), runDir, sampling);
      return new OwnedTarget(lab.target(), Optional.of(lab), sampling);
    }
    String base = settings.url().get();
    String metrics = settings.metricsUrl().orElse(base + "/metrics");
    Optional<String> pprof = Optional.of(settings.pprofUrl().orElse(base + "/debug/pprof"));
    Optional<Path> tempDir = settings.tempDir().map(dir -> projectDir.resolve(dir).normalize());
    if (settings.command().isPresent()) {
      HeapSampling sampling = HeapSampling.forStarted(rate, settings.command().get().env(), System.getenv());
      LaunchedService service = LaunchedService.start(spec(settings.command().get(), projectDir, runDir)
          .env(sampling.environment(settings.command().get().env(), System.getenv())));
      Optional<Path> counted = tempDir.isPresent() ? tempDir : service.tempDir();
      LocalProcess local = counted.equals(service.tempDir()) ? service : new WithTempDir(service, counted);
      return new OwnedTarget(new Target(base, metrics, pprof,
          "service started by the suite at " + base + " (pid " + service.pid() + ")", Optional.of(local)),
          Optional.of(service), sampling);
    }
    if (settings.pid().isPresent()) {
      AttachedProcess attached = AttachedProcess.attach(settings.pid().getAsLong(), tempDir);
      return new OwnedTarget(new Target(base, metrics, pprof,
          "service attached by PID at " + base + " (pid " + attached.pid() + ")", Optional.of(attached)),
          Optional.empty(), HeapSampling.NOT_STARTED);
    }
    return new OwnedTarget(new Target(base, metrics, pprof, "remote target " + base), Optional.empty(),
        HeapSampling.NOT_STARTED);
  }

  /**
   * {@code preflight.target.memprofilerate}: the heap profile's sampling rate for a target the suite starts;
   * empty when off.
   */
  public static OptionalLong memProfileRate(PreflightConfig config) {
    OptionalLong rate = config.bytesOrOff(MEM_PROFILE_RATE);
    if (rate.isPresent() && rate.getAsLong() == 0) {
      throw new ConfigProblem("Configuration key '" + MEM_PROFILE_RATE + "' has invalid value '0': 0 turns the "
          + "heap profile off, so no allocation site could be named; give a size such as 4KiB, or off for Go's "
          + "default.");
    }
    return rate;
  }

  private static final String MEM_PROFILE_RATE = "preflight.target.memprofilerate";

  static LaunchSpec spec(TargetSettings.Command command, Path projectDir, Path runDir) {
    return LaunchSpec.of("the service", command.arguments())
        .workdir(command.workdir().map(dir -> projectDir.resolve(dir).normalize()).orElse(projectDir))
        .env(command.env())
        .files(runDir.resolve("service-tmp"), runDir.resolve("service.log"))
        .health(command.healthUrl(), command.startTimeout(), "preflight.target.start-timeout")
        .stopGrace(command.stopGrace());
  }

  /** A started service whose temp files go to a directory named in config rather than its TMPDIR. */
  private record WithTempDir(LocalProcess process, Optional<Path> tempDir) implements LocalProcess {

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public boolean isAlive() {
      return process.isAlive();
    }

    @Override
    public Optional<String> death() {
      return process.death();
    }
  }
}
