package io.ginpreflight;

import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.report.FileTrees;
import io.ginpreflight.report.MemoryReport;
import io.ginpreflight.report.PushgatewayPublisher;
import io.ginpreflight.report.PushgatewaySettings;
import io.ginpreflight.report.ReportSet;
import io.ginpreflight.report.RunPublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the memory reports, once, however the run ends: from the simulation's {@code after()} or, when
 * the run is interrupted, from a JVM shutdown hook. The files go to the run folder and beside Gatling's
 * report; after Gatling has written its report (it does so after {@code after()}), the run is published
 * to reports/ and pushed to a Pushgateway when one is configured. Nothing here throws.
 */
final class RunFinisher {

  private static final Logger LOG = LoggerFactory.getLogger(RunFinisher.class);

  /** Settings read at start, so a bad key fails before the load rather than after it. */
  record Settings(Path gatlingResults, Path reportsDir, int keep, Optional<PushgatewaySettings> pushgateway) {

    static Settings from(PreflightConfig config, Path projectDir) {
      Optional<PushgatewaySettings> push = config.optionalUrl("preflight.pushgateway.url").map(url ->
          new PushgatewaySettings(url, config.string("preflight.pushgateway.job"),
              config.stringMap("preflight.pushgateway.grouping"),
              config.hasValue("preflight.pushgateway.username-env")
                  ? config.string("preflight.pushgateway.username-env") : null,
              config.hasValue("preflight.pushgateway.password-env")
                  ? config.string("preflight.pushgateway.password-env") : null));
      return new Settings(projectDir.resolve(config.string("preflight.reports.gatling-results")),
          projectDir.resolve(config.string("preflight.reports.dir")),
          config.positiveInt("preflight.reports.keep"), push);
    }
  }

  private final Settings settings;
  private final Path runDir;
  private final String simulation;
  private final Instant startedAt;
  private final Supplier<MemoryReport> report;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile Optional<Path> gatlingFolder = Optional.empty();

  RunFinisher(Settings settings, Path runDir, String simulation, Instant startedAt, Supplier<MemoryReport> report) {
    this.settings = settings;
    this.runDir = runDir;
    this.simulation = simulation;
    this.startedAt = startedAt;
    this.report = report;
    Runtime.getRuntime().addShutdownHook(new Thread(this::afterGatling, "preflight-publisher"));
  }

  /** Writes memory.json, memory.html and memory-junit.xml; the first call wins. */
  void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    try {
      MemoryReport memory = report.get();
      ReportSet.Files files = ReportSet.write(memory, runDir);
      files.problems().forEach(LOG::warn);
      gatlingFolder = GatlingRunFolder.find(settings.gatlingResults(), simulation, startedAt);
      if (gatlingFolder.isPresent()) {
        Path folder = gatlingFolder.get();
        copyEvidence(folder);
        ReportSet.write(memory, folder).problems().forEach(LOG::warn);
        LOG.info("Gatling report: file://{}", folder.resolve("index.html"));
        LOG.info("Memory report:  file://{} ({})", folder.resolve(ReportSet.HTML), memory.verdict());
      } else {
        LOG.info("Memory report:  file://{} ({})", files.html(), memory.verdict());
      }
      settings.pushgateway().ifPresent(push -> {
        PushgatewayPublisher.Outcome outcome = PushgatewayPublisher.push(memory, push);
        (outcome.pushed() ? LOG.atInfo() : LOG.atWarn()).log(outcome.sentence());
      });
    } catch (RuntimeException e) {
      LOG.error("The memory reports could not be completed: {}", e.toString());
    }
  }

  /** The samples and profiles the report links to live beside it, so the folder can be shared whole. */
  private void copyEvidence(Path gatlingFolder) {
    for (String name : new String[] {"samples.jsonl", "profiles"}) {
      Path source = runDir.resolve(name);
      if (Files.exists(source)) {
        try {
          FileTrees.copy(source, gatlingFolder.resolve(name), file -> false);
        } catch (IOException e) {
          LOG.warn("Could not copy {} beside the Gatling report: {}", source, e.getMessage());
        }
      }
    }
  }

  /** Runs when the JVM ends, after Gatling has written its HTML report, or after an interruption. */
  private void afterGatling() {
    finish();
    Optional<Path> folder = gatlingFolder.isPresent() ? gatlingFolder
        : GatlingRunFolder.find(settings.gatlingResults(), simulation, startedAt);
    Path published = folder.filter(f -> Files.exists(f.resolve("index.html"))).orElse(runDir);
    RunPublisher.Published result = RunPublisher.publish(published, settings.reportsDir(), settings.keep());
    result.problems().forEach(problem -> System.err.println("[preflight] " + problem));
    // Logback may already be stopped in a shutdown hook: print directly.
    System.out.println("[preflight] Published to " + result.run() + "; history: file://" + result.index());
    System.out.flush();
  }
}
