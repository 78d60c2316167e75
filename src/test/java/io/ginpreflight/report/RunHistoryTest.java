package io.ginpreflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.BaselineHistory;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.RunIdentity;
import io.ginpreflight.model.TargetKind;
import io.ginpreflight.testkit.HeadlessChromium;
import io.ginpreflight.testkit.ReportFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {

  private static final RunIdentity LAB = new RunIdentity(TargetKind.EMBEDDED_LAB, "gin-lab", List.of("-leaks", "none"),
      "UploadSimulation", "quick", "0.1.0-SNAPSHOT", "go1.26.0", Map.of());
  private static final RunIdentity SERVICE = new RunIdentity(TargetKind.COMMAND, "./bin/api", List.of("-port", "8080"),
      "UploadSimulation", "quick", "0.1.0-SNAPSHOT", "go1.26.0", Map.of());

  @TempDir
  Path dir;

  /** The fixture run (one judged phase, uploads steady, 5,580.4 B per request) as another night and target. */
  static MemoryReport run(RunIdentity identity, Instant start, RunVerdict verdict) {
    MemoryReport r = ReportFixtures.report(identity.simulation(), start);
    return new MemoryReport(r.schemaVersion(), r.simulation(), r.runId(), r.startedAt(), r.endedAt(), r.target(),
        r.signals(), verdict, List.of(), r.phases(), r.probes(), r.checks(), r.samplesFile(), r.noise(), r.build(),
        r.knownLeaks(), identity, r.failing());
  }

  private void publish(Path reports, String name, MemoryReport report) throws Exception {
    MemoryJson.write(report, reports.resolve(name).resolve(MemoryFiles.JSON));
  }

  @Test
  void onlyPassingRunsOfTheSameTargetSimulationAndProfileSinceTheResetCount() throws Exception {
    // GIVEN four nights of gin-lab (the third failed), one of another service, and one of gin-lab nightly
    Path reports = dir.resolve("reports");
    for (int night = 0; night < 4; night++) {
      publish(reports, "lab-" + night, run(LAB, ReportFixtures.START.plusSeconds(86_400L * night),
          night == 2 ? RunVerdict.FAIL : RunVerdict.PASS));
    }
    publish(reports, "service", run(SERVICE, ReportFixtures.START, RunVerdict.PASS));
    publish(reports, "nightly", run(new RunIdentity(TargetKind.EMBEDDED_LAB, "gin-lab", List.of(), "UploadSimulation",
        "nightly", "0.1.0-SNAPSHOT", null, Map.of()), ReportFixtures.START, RunVerdict.PASS));
    // WHEN the history of a new gin-lab run is read, with different flags (a planted leak is still gin-lab)
    RunIdentity tonight = new RunIdentity(TargetKind.EMBEDDED_LAB, "gin-lab", List.of("-leak-bytes-per-request", "32"),
        "UploadSimulation", "quick", "0.1.0-SNAPSHOT", "go1.26.0", Map.of());
    BaselineHistory all = RunHistory.of(reports, tonight, Optional.empty());
    BaselineHistory sinceNight1 = RunHistory.of(reports, tonight, Optional.of(ReportFixtures.START.plusSeconds(86_400)));
    // THEN the three passing gin-lab quick runs count, newest first; the reset leaves two
    List<BaselineHistory.Past> past = all.of("uploads steady", CheckKind.RETAINED_BYTES_PER_REQUEST);
    assertEquals(List.of(ReportFixtures.START.plusSeconds(3 * 86_400L), ReportFixtures.START.plusSeconds(86_400L),
        ReportFixtures.START), past.stream().map(BaselineHistory.Past::startedAt).toList());
    assertEquals(5_580.4, past.get(0).value());
    assertEquals(reports + " (6 runs, 3 comparable and passed)", all.source());
    assertEquals(2, sinceNight1.of("uploads steady", CheckKind.RETAINED_BYTES_PER_REQUEST).size());
    // The warm-up is not judged, so it has no baseline; the fixture's goroutine check was not measured.
    assertEquals(List.of(), all.of("warm up", CheckKind.RETAINED_BYTES_PER_REQUEST));
    assertEquals(List.of(), all.of("uploads steady", CheckKind.FD_GROWTH));
  }

  @Test
  void aMissingReportsFolderIsAnEmptyHistoryThatSaysSo() {
    BaselineHistory history = RunHistory.of(dir.resolve("nowhere"), LAB, Optional.empty());
    assertEquals(List.of(), history.of("uploads steady", CheckKind.RETAINED_BYTES_PER_REQUEST));
    assertEquals(dir.resolve("nowhere") + " (not there yet)", history.source());
  }

  @Test
  void theIndexDrawsEachComparableGroupInChartsOfItsOwnAsChromiumSeesThem() throws Exception {
    HeadlessChromium.assumeInstalled();
    // GIVEN two gin-lab nights and one night of another service
    Path reports = dir.resolve("reports");
    publish(reports, "lab-0", run(LAB, ReportFixtures.START, RunVerdict.PASS));
    publish(reports, "lab-1", run(LAB, ReportFixtures.START.plusSeconds(86_400), RunVerdict.PASS));
    publish(reports, "service", run(SERVICE, ReportFixtures.START.plusSeconds(3_600), RunVerdict.PASS));
    // WHEN the index is rebuilt
    String dom = HeadlessChromium.dumpDom(RunPublisher.rebuildIndex(reports), dir);
    // THEN each group has its own two charts: two points per chart for gin-lab, one for the service
    Matcher groups = Pattern.compile("(?s)<section class=\"history-group\" id=\"(group-\\d)\" data-key=\"([^\"]+)\">"
        + "(.*?)</section>").matcher(dom);
    assertTrue(groups.find(), dom);
    assertEquals("embedded gin-lab · UploadSimulation · quick", groups.group(2));
    assertEquals(4, groups.group(3).split("<circle ", -1).length - 1, groups.group(3));
    assertTrue(groups.group(3).contains("id=\"history-retained-per-request-1\""), groups.group(3));
    assertTrue(groups.find(), dom);
    assertEquals("started command ./bin/api · UploadSimulation · quick", groups.group(2));
    assertEquals(2, groups.group(3).split("<circle ", -1).length - 1, groups.group(3));
    assertTrue(!groups.find(), dom);
    assertTrue(dom.contains("<td>started command ./bin/api · UploadSimulation · quick</td>"), dom);
    assertTrue(Files.isRegularFile(reports.resolve("index.html")));
  }

  @Test
  void pushedGroupsCarryTheTargetAndProfileUnlessTheUserSetThem() {
    MemoryReport report = run(SERVICE, ReportFixtures.START, RunVerdict.PASS);
    assertEquals(Map.of("target", "./bin/api", "profile", "quick"), PushgatewayPublisher.targetLabels(report));
    assertEquals(Map.of(), PushgatewayPublisher.targetLabels(ReportFixtures.report("UploadSimulation",
        ReportFixtures.START)));
  }
}
