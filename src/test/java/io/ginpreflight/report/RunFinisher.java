package io.ginpreflight.report;

import io.ginpreflight.gatling.GatlingRunFolder;
import io.ginpreflight.watch.ProbeProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the memory reports, once, however the run ends: from the simulation's {@code after()} or, when
 * the run is interrupted, from a JVM shutdown hook. The files go to the run folder and beside Gatling's
 * report; after Gatling has written its report (it does so after {@code after()}), the run is published
 * to reports/, compared with another run when asked, and pushed to a Pushgateway when one is configured.
 * Nothing here throws.
 */
public final class RunFinisher {

  private static final Logger LOG = LoggerFactory.getLogger(RunFinisher.class);

  /**
   * Where the reports go: settings read at start, so a bad key fails before the load.
   *
   * @param compareWith a published run folder this run is compared with once published (comparison.html)
   */
  public record Settings(Path gatlingResults, Path reportsDir, int keep, Optional<PushgatewaySettings> pushgateway,
      Optional<Path> compareWith) {}

  private final Settings settings;
  private final Path runDir;
  private final RunStart start;
  private final Supplier<MemoryReport> report;
  private final IntFunction<ProbeProfiles> profiles;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile Optional<Path> gatlingFolder = Optional.empty();

  /**
   * @param report the run's report as far as it got, built when the run finishes
   * @param profiles the profiles each probe kept, parsed, by probe index: the comparison reads this run's
   */
  public RunFinisher(Settings settings, Path runDir, RunStart start, Supplier<MemoryReport> report,
      IntFunction<ProbeProfiles> profiles) {
    this.settings = settings;
    this.runDir = runDir;
    this.start = start;
    this.report = report;
    this.profiles = profiles;
    Runtime.getRuntime().addShutdownHook(new Thread(this::afterGatling, "preflight-publisher"));
  }

  /** Writes memory.json, memory.html and memory-junit.xml; the first call wins. */
  public void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    try {
      MemoryReport memory = report.get();
      MemoryFiles.Files files = MemoryFiles.write(memory, runDir);
      files.problems().forEach(LOG::warn);
      gatlingFolder = gatlingFolder();
      if (gatlingFolder.isPresent()) {
        Path folder = gatlingFolder.get();
        copyEvidence(folder);
        MemoryFiles.write(memory, folder).problems().forEach(LOG::warn);
        LOG.info("Gatling report: file://{}", folder.resolve("index.html"));
        LOG.info("Memory report:  file://{} ({})", folder.resolve(MemoryFiles.HTML), memory.verdict());
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
        : GatlingRunFolder.newestSince(settings.gatlingResults(), start.simulation(), start.startedAt());
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
      ComparisonWriter.Written written = ComparisonWriter.write(base, result.run(), Optional.of(profiles),
          result.run().resolve(ComparisonWriter.FILE));
      System.out.println("[preflight] " + written.sentence());
    });
    System.out.flush();
  }
}
