package io.ginpreflight.report;

import io.ginpreflight.gatling.GatlingRunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the memory reports, once, however the run ends: from the simulation's {@code after()} or, when
 * the run is interrupted, from a JVM shutdown hook. The files go to the run folder and beside Gatling's
 * report; after Gatling has written its report (it does so after {@code after()}), the run is published
 * to reports/ and pushed to a Pushgateway when one is configured. Nothing here throws.
 */
public final class RunFinisher {

  private static final Logger LOG = LoggerFactory.getLogger(RunFinisher.class);

  /**
   * Where the reports go: settings read at start, so a bad key fails before the load.
   *
   * @param compareWith a published run folder this run is compared with once published (comparison.html)
   */
  public record Settings(Path gatlingResults, Path reportsDir, int keep, Optional<PushgatewaySettings> pushgateway,
      Optional<Path> compareWith) {

    public Settings(Path gatlingResults, Path reportsDir, int keep, Optional<PushgatewaySettings> pushgateway) {
      this(gatlingResults, reportsDir, keep, pushgateway, Optional.empty());
    }
  }

  private final Settings settings;
  private final Path runDir;
  private final String simulation;
  private final Instant startedAt;
  private final RunFacts facts;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile Optional<Path> gatlingFolder = Optional.empty();

  public RunFinisher(Settings settings, Path runDir, RunFacts facts) {
    this.settings = settings;
    this.runDir = runDir;
    this.simulation = facts.simulation();
    this.startedAt = facts.startedAt();
    this.facts = facts;
    Runtime.getRuntime().addShutdownHook(new Thread(this::afterGatling, "preflight-publisher"));
  }

  /** Writes memory.json, memory.html and memory-junit.xml; the first call wins. */
  public void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    try {
      MemoryReport memory = RunReport.of(facts, Instant.now());
      ReportSet.Files files = ReportSet.write(memory, runDir);
      files.problems().forEach(LOG::warn);
      gatlingFolder = gatlingFolder();
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

  /**
   * Notes Gatling's run folder while Gatling holds its log open (call it during the run, e.g. at each
   * probe): after the run the exact answer may be gone.
   */
  public void locateGatlingFolder() {
    if (gatlingFolder.isEmpty()) {
      gatlingFolder = GatlingRunFolder.openByThisJvm(settings.gatlingResults());
    }
  }

  private Optional<Path> gatlingFolder() {
    locateGatlingFolder();
    return gatlingFolder.isPresent() ? gatlingFolder
        : GatlingRunFolder.newestSince(settings.gatlingResults(), simulation, startedAt);
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
    Optional<Path> folder = gatlingFolder();
    Path published = folder.filter(f -> Files.exists(f.resolve("index.html"))).orElse(runDir);
    RunPublisher.Published result = RunPublisher.publish(published, settings.reportsDir(), settings.keep());
    result.problems().forEach(problem -> System.err.println("[preflight] " + problem));
    // Logback may already be stopped in a shutdown hook: print directly.
    System.out.println("[preflight] Published to " + result.run() + "; history: file://" + result.index());
    settings.compareWith().ifPresent(base -> {
      ComparisonWriter.Written written = ComparisonWriter.write(base, result.run(),
          result.run().resolve(ComparisonWriter.FILE));
      System.out.println("[preflight] " + written.sentence());
    });
    System.out.flush();
  }
}
