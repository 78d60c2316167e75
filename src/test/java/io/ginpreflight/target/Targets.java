package io.ginpreflight.target;

import io.ginpreflight.config.LabSettings;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.config.TargetSettings;
import java.nio.file.Path;
import java.util.Optional;

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
    if (!settings.isExternal()) {
      EmbeddedLab lab = EmbeddedLab.start(LabSettings.from(config, projectDir), runDir);
      return new OwnedTarget(lab.target(), Optional.of(lab));
    }
    String base = settings.url().get();
    String metrics = settings.metricsUrl().orElse(base + "/metrics");
    Optional<String> pprof = Optional.of(settings.pprofUrl().orElse(base + "/debug/pprof"));
    Optional<Path> tempDir = settings.tempDir().map(dir -> projectDir.resolve(dir).normalize());
    if (settings.command().isPresent()) {
      LaunchedService service = LaunchedService.start(spec(settings.command().get(), projectDir, runDir));
      Optional<Path> counted = tempDir.isPresent() ? tempDir : service.tempDir();
      LocalProcess local = counted.equals(service.tempDir()) ? service : new WithTempDir(service, counted);
      return new OwnedTarget(new Target(base, metrics, pprof,
          "service started by the suite at " + base + " (pid " + service.pid() + ")", Optional.of(local)),
          Optional.of(service));
    }
    if (settings.pid().isPresent()) {
      AttachedProcess attached = AttachedProcess.attach(settings.pid().getAsLong(), tempDir);
      return new OwnedTarget(new Target(base, metrics, pprof,
          "service attached by PID at " + base + " (pid " + attached.pid() + ")", Optional.of(attached)),
          Optional.empty());
    }
    return new OwnedTarget(new Target(base, metrics, pprof, "remote target " + base), Optional.empty());
  }

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
