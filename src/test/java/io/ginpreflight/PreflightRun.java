package io.ginpreflight;

import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.config.ProbeSettings;
import io.ginpreflight.gatling.VerdictRecord;
import io.ginpreflight.target.OwnedTarget;
import io.ginpreflight.target.Target;
import io.ginpreflight.target.TargetStartFailure;
import io.ginpreflight.target.Targets;
import io.ginpreflight.verdict.CheckKind;
import io.ginpreflight.verdict.CheckResult;
import io.ginpreflight.verdict.GrowthRule;
import io.ginpreflight.verdict.Limits;
import io.ginpreflight.watch.MemoryWatch;
import io.ginpreflight.watch.ProbeReading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one simulation run owns: its settings, the target (started here when it is the embedded
 * lab), the memory watch, the readings and the verdicts. Create it in the simulation's constructor and
 * close it in {@code after()}.
 */
public final class PreflightRun implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PreflightRun.class);
  private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final String simulation;
  private final Path runDir;
  private final Limits limits;
  private final Target target;
  private final OwnedTarget owned;
  private final MemoryWatch watch;
  private final Map<Integer, ProbeReading> readings = new ConcurrentHashMap<>();
  private final List<CheckResult> results = new CopyOnWriteArrayList<>();

  private PreflightRun(String simulation, Path runDir, Limits limits, Target target, OwnedTarget owned,
      MemoryWatch watch) {
    this.simulation = simulation;
    this.runDir = runDir;
    this.limits = limits;
    this.target = target;
    this.owned = owned;
    this.watch = watch;
  }

  /**
   * Reads the configuration and starts or finds the target. A bad setting or a target that cannot be
   * started ends the JVM here with one clear sentence and exit code 2 (Gatling's code for a failed run),
   * before any load is sent; a stack trace would only bury the sentence.
   */
  public static PreflightRun start(Class<?> simulationClass) {
    try {
      return open(simulationClass.getSimpleName(), PreflightConfig.load());
    } catch (ConfigProblem | TargetStartFailure e) {
      System.err.println();
      System.err.println("Gin Preflight cannot start: " + e.getMessage());
      System.err.println();
      System.err.flush();
      System.exit(2);
      throw e;
    }
  }

  static PreflightRun open(String simulation, PreflightConfig config) {
    Path projectDir = Path.of(config.hasValue("preflight.project-dir")
        ? config.string("preflight.project-dir") : System.getProperty("user.dir")).toAbsolutePath();
    ProbeSettings probeSettings = ProbeSettings.from(config);
    Limits limits = Limits.from(config);
    Path runDir = projectDir.resolve("target/preflight")
        .resolve(simulation.toLowerCase() + "-" + LocalDateTime.now().format(FOLDER_TIME));
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the run folder " + runDir, e);
    }
    OwnedTarget owned = Targets.open(config, projectDir, runDir);
    Target target = owned.target();
    LOG.info("Gin Preflight: {} against {}; run folder {}", simulation, target.description(), runDir);
    return new PreflightRun(simulation, runDir, limits, target, owned, new MemoryWatch(target, probeSettings));
  }

  public Target target() {
    return target;
  }

  public Limits limits() {
    return limits;
  }

  public Path runDir() {
    return runDir;
  }

  public List<CheckResult> results() {
    return List.copyOf(results);
  }

  /** Probes at a phase boundary and, when a judged phase just ended, judges its growth. */
  CompletableFuture<List<VerdictRecord>> probe(int boundary, String label, Phase ended, Limits phaseLimits) {
    return watch.probe(label).thenApply(reading -> {
      readings.put(boundary, reading);
      if (ended == null || !ended.isJudged()) {
        return List.of();
      }
      ProbeReading before = readings.get(boundary - 1);
      List<VerdictRecord> records = new ArrayList<>();
      for (CheckKind kind : CheckKind.values()) {
        CheckResult result = switch (kind) {
          case HEAP_GROWTH -> GrowthRule.evaluate(kind, ended.name(), before.postGcHeapBytes(),
              reading.postGcHeapBytes(), phaseLimits.limitFor(kind));
          case GOROUTINE_GROWTH -> GrowthRule.evaluate(kind, ended.name(), before.goroutines(),
              reading.goroutines(), phaseLimits.limitFor(kind));
        };
        results.add(result);
        (result.status().passes() ? LOG.atInfo() : LOG.atWarn())
            .log("{} {}: {}", result.status(), result.recordName(), result.message());
        records.add(VerdictRecord.of(result));
      }
      return records;
    });
  }

  /** Stops what this run started. Never throws: Gatling must still write its report. */
  @Override
  public void close() {
    watch.close();
    owned.close();
    long failed = results.stream().filter(r -> !r.status().passes()).count();
    LOG.info("Gin Preflight: {} memory checks, {} failed; run folder {}", results.size(), failed, runDir);
  }
}
