package io.ginpreflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.testkit.HeadlessChromium;
import io.ginpreflight.testkit.ReportFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPublisherTest {

  @TempDir
  Path dir;

  /** Two finished Gatling run folders, the second one a night later, both published. */
  private RunPublisher.Published publishTwoNights(Path reports) throws Exception {
    Path first = runFolder("uploadsimulation-20261127020000123", ReportFixtures.START.minusSeconds(86_400));
    Path second = runFolder("uploadsimulation-20261128020000456", ReportFixtures.START);
    RunPublisher.Published one = RunPublisher.publish(first, reports, 30);
    assertEquals(List.of(), one.problems());
    return RunPublisher.publish(second, reports, 30);
  }

  @Test
  void twoPublishedRunsAreListedNewestFirstWithTheirFiguresAndHistoryCharts() throws Exception {
    // GIVEN two finished Gatling run folders, the second one a night later
    Path reports = dir.resolve("reports");
    // WHEN both are published
    RunPublisher.Published two = publishTwoNights(reports);
    // THEN both folders are there with Gatling's report and the memory files, but not Gatling's raw log
    assertEquals(List.of(), two.problems());
    assertEquals(reports.resolve("uploadsimulation-20261128020000456"), two.run());
    assertTrue(Files.isRegularFile(two.run().resolve("js/gatling.js")));
    assertTrue(Files.isRegularFile(two.run().resolve("memory.html")));
    assertFalse(Files.exists(two.run().resolve("simulation.log")));
    // AND the index lists them newest first with links to both reports and the phase's figures
    String index = Files.readString(two.index());
    assertEquals(List.of("uploadsimulation-20261128020000456", "uploadsimulation-20261127020000123"),
        MemoryHtmlWriterTest.all(index, "<tr><td>([^<]+)</td>"));
    assertTrue(index.contains("<a href=\"uploadsimulation-20261128020000456/index.html\">Gatling</a> "
        + "<a href=\"uploadsimulation-20261128020000456/memory.html\">Memory</a>"), index);
    assertTrue(index.contains("<td class=\"ko\">FAIL</td><td>UploadSimulation (no identity recorded)</td>"
        + "<td>uploads steady: heap +48.2 MiB, goroutines –<br></td>"
        + "<td class=\"num\">uploads steady: 5,580.4 B <span class=\"note\">(fitted)</span><br></td>"), index);
    // AND the two history charts of their one group (no identity recorded: grouped by simulation) have a point
    // per run
    assertEquals(List.of("history-heap-growth-1", "history-retained-per-request-1"),
        MemoryHtmlWriterTest.all(index, "<svg class=\"chart\" id=\"([^\"]+)\""));
    assertEquals(4, MemoryHtmlWriterTest.count(index, "<circle "));
  }

  @Test
  void theIndexRendersAsChromiumSeesIt() throws Exception {
    HeadlessChromium.assumeInstalled();
    RunPublisher.Published two = publishTwoNights(dir.resolve("reports"));
    String dom = HeadlessChromium.dumpDom(two.index(), dir);
    assertEquals(List.of("uploadsimulation-20261128020000456", "uploadsimulation-20261127020000123"),
        MemoryHtmlWriterTest.all(dom, "<tr><td>([^<]+)</td>"));
    assertEquals(4, MemoryHtmlWriterTest.count(dom, "<circle "));
    Path png = HeadlessChromium.screenshot(two.index(), dir.resolve("index.png"), dir);
    MemoryHtmlWriterTest.copyForHumans(png, "index.png");
  }

  @Test
  void runsBeyondKeepArePrunedOldestFirstAndOtherFilesAreLeftAlone() throws Exception {
    // GIVEN three runs and a file of someone else's in reports/
    Path reports = Files.createDirectories(dir.resolve("reports"));
    Files.writeString(reports.resolve("README.md"), "kept");
    Files.createDirectories(reports.resolve("notes"));
    for (int night = 0; night < 3; night++) {
      Path run = runFolder("soaksimulation-2026112" + night + "020000000",
          ReportFixtures.START.plusSeconds(86_400L * night));
      // WHEN each is published with keep = 2
      RunPublisher.publish(run, reports, 2);
    }
    // THEN the oldest is gone, the two newest stay, and nothing that is not a run was touched
    try (var children = Files.list(reports)) {
      assertEquals(List.of("README.md", "index.html", "notes", "soaksimulation-20261121020000000",
          "soaksimulation-20261122020000000"), children.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void theLastPublishReportsWhatItPruned() throws Exception {
    Path reports = dir.resolve("reports");
    RunPublisher.publish(runFolder("a-1", ReportFixtures.START), reports, 1);
    RunPublisher.Published published = RunPublisher.publish(runFolder("a-2", ReportFixtures.START.plusSeconds(60)),
        reports, 1);
    assertEquals(List.of("a-1"), published.pruned());
  }

  @Test
  void aMissingRunFolderIsReportedAndTheIndexStillRebuilt() throws Exception {
    // GIVEN a run folder that was never written (Gatling crashed before its report)
    Path reports = dir.resolve("reports");
    // WHEN it is published
    RunPublisher.Published published = RunPublisher.publish(dir.resolve("missing-1"), reports, 5);
    // THEN the problem is a sentence and index.html exists
    assertEquals(List.of("Could not publish " + dir.resolve("missing-1") + " to " + reports + ": the run folder "
        + dir.resolve("missing-1") + " does not exist"), published.problems());
    assertTrue(Files.readString(published.index()).contains("0 runs kept"));
  }

  @Test
  void keepBelowOneIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunPublisher.publish(dir, dir.resolve("reports"), 0));
    assertEquals("keep must be at least 1 (the run just published), got 0.", e.getMessage());
  }

  /** A Gatling run folder as Gatling 3.15 leaves it, with the memory files written into it. */
  private Path runFolder(String name, Instant start) throws Exception {
    Path run = Files.createDirectories(dir.resolve("target/gatling").resolve(name));
    Files.writeString(run.resolve("index.html"), "<!DOCTYPE html><title>Gatling</title>");
    Files.createDirectories(run.resolve("js"));
    Files.writeString(run.resolve("js/gatling.js"), "// gatling");
    Files.writeString(run.resolve("simulation.log"), "raw events");
    MemoryReport report = ReportFixtures.report(name.startsWith("soak") ? "SoakSimulation" : "UploadSimulation",
        start);
    MemoryFiles.Files files = MemoryFiles.write(report, run);
    assertEquals(List.of(), files.problems());
    return run;
  }
}
