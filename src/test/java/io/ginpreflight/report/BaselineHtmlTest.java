package io.ginpreflight.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Figures;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.RunIdentity;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.TargetKind;
import io.ginpreflight.testkit.ReportFixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineHtmlTest {

  private static final String KO = "retained bytes per request in phase \"uploads steady\" rose to 5.4 KiB from a "
      + "median of 12 B over 7 runs (2026-11-24 .. 2026-11-30); limit +8.0 B";

  @Test
  void memoryHtmlShowsWhatTheRunIsComparedAsAndEachFigureAgainstItsMedian() {
    MemoryReport r = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    CheckResult figure = CheckResult.of(CheckKind.RETAINED_BYTES_PER_REQUEST, "uploads steady", Status.KO,
        Figures.baseline(5_580.4, 12.0, 7, Instant.parse("2026-11-24T02:17:00Z"),
            Instant.parse("2026-11-30T02:17:00Z"), 8), KO);
    MemoryReport report = ReportFixtures.with(r, List.of(new CheckResult(CheckKind.BASELINE, "uploads steady",
        Status.KO, Figures.NONE, null, KO, LeakDetail.NONE, List.of(figure))), new RunIdentity(
            TargetKind.EMBEDDED_LAB, "gin-lab", List.of("-leaks", "temp-file-kept"), "UploadSimulation", "quick",
            "0.1.0-SNAPSHOT", "go1.26.0", Map.of()));

    String html = MemoryHtmlWriter.render(report, List.of());

    assertTrue(html.contains("<span>compared as embedded gin-lab · UploadSimulation · quick</span><span>target flags "
        + "-leaks temp-file-kept</span><span>Go go1.26.0</span>"), html);
    assertTrue(html.contains("<tr><td>uploads steady</td><td>retained bytes per request</td><td class=\"num\">5.4 KiB"
        + "</td><td class=\"num\">12 B</td><td class=\"num\">7</td><td class=\"num\">+8.0 B</td><td class=\"ko\">KO"
        + "<div class=\"msg\">" + Html.esc(KO) + "</div></td></tr>"), html);
    String junit = JUnitXmlWriter.render(report);
    assertTrue(junit.contains("name=\"memory: baseline [uploads steady]\""), junit);
    assertTrue(junit.contains("type=\"KO\">" + KO + "</failure>"), junit);
  }

  @Test
  void aBaselineNotJudgedIsASkippedTestcaseNeitherPassedNorFailed() {
    MemoryReport r = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    String why = "phase \"uploads steady\" not judged against a baseline: 1 comparable passing run before this one, "
        + "3 needed (preflight.baseline.min-runs)";
    MemoryReport report = ReportFixtures.with(r, List.of(CheckResult.of(CheckKind.BASELINE, "uploads steady",
        Status.NOT_JUDGED, Figures.NONE, why)), null);

    String junit = JUnitXmlWriter.render(report);

    assertTrue(junit.contains("skipped=\"1\""), junit);
    assertTrue(junit.contains("<skipped message=\"phase &quot;uploads steady&quot; not judged against a baseline"), junit);
  }
}
