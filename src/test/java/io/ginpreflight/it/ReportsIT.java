package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.model.Status;
import io.ginpreflight.report.MemoryJson;
import io.ginpreflight.report.MemoryReport;
import io.ginpreflight.report.PhaseRecord;
import io.ginpreflight.report.ProbeRecord;
import io.ginpreflight.report.RunVerdict;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.HeadlessChromium;
import io.ginpreflight.testkit.RequiresGo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real run leaves the memory reports beside Gatling's, says where they are, and publishes the run to
 * the reports folder, also when the verdict is a failure. One run (SmokeSimulation with a goroutine leak)
 * serves every test; only the test of memory.html's rendering needs headless Chromium.
 */
@RequiresGo("to build gin-lab")
class ReportsIT {

  private static final String SMOKE = "io.ginpreflight.simulations.SmokeSimulation";
  /** What a probe the plan diffs keeps from gin-lab, which offers every signal. */
  private static final Set<ProfileKind> DIFFED = EnumSet.allOf(ProfileKind.class);

  private static GatlingProcess run;
  private static Path folder;
  private static MemoryReport report;

  @BeforeAll
  static void aFailingRun() throws Exception {
    run = GatlingProcess.run(SMOKE, Map.of("lab.leaks", "blocked-goroutine"), Duration.ofMinutes(3));
    folder = run.runFolder().orElseThrow(() -> new AssertionError("no Gatling run folder:\n" + run.output));
    report = MemoryJson.read(folder.resolve("memory.json"));
  }

  @Test
  void aFailingRunWritesTheThreeMemoryFilesBesideGatlingsReportAndPublishesIt() throws Exception {
    assertNotEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("Gatling report: file://" + folder.resolve("index.html")), run.output);
    assertTrue(run.output.contains("Memory report:  file://" + folder.resolve("memory.html") + " (FAIL)"), run.output);
    for (String file : List.of("memory.json", "memory.html", "memory-junit.xml", "samples.jsonl")) {
      assertTrue(Files.isRegularFile(folder.resolve(file)), file + " missing in " + folder);
    }

    assertEquals(RunVerdict.FAIL, report.verdict());
    assertTrue(report.checks().stream().anyMatch(c -> c.recordName().equals("memory: goroutine growth [smoke]")
        && c.status() == Status.KO && c.message().contains("main.leakyNotifyDeliver")), report.checks().toString());
    // memory.json carries the build info read from /proc/<pid>/exe
    assertEquals("github.com/gin-preflight/gin-lab", report.build().main().path());
    assertTrue(report.build().goVersion().startsWith("go1."), report.build().toString());

    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(ReportsIT.class.getResource("/report/junit.xsd")).newValidator()
        .validate(new StreamSource(folder.resolve("memory-junit.xml").toFile()));
    String junit = Files.readString(folder.resolve("memory-junit.xml"));
    assertTrue(junit.contains("memory: goroutine growth [smoke]"), junit);

    Path published = run.resultsDir.resolve("published");
    assertTrue(Files.isRegularFile(published.resolve(folder.getFileName()).resolve("memory.html")),
        "run not published to " + published);
    assertTrue(Files.readString(published.resolve("index.html")).contains(folder.getFileName().toString()));
    assertTrue(run.output.contains("[preflight] Published to " + published.resolve(folder.getFileName())),
        run.output);
  }

  @Test
  void theProbesAJudgedPhaseIsDiffedBetweenKeptEveryProfileBesideTheReport() throws Exception {
    // The judged phase's two probes: with no probe or no profile, there is nothing to check, and that fails.
    PhaseRecord smoke = report.phase("smoke").orElseThrow(() -> new AssertionError(report.phases().toString()));
    for (Integer index : List.of(smoke.baselineProbe(), smoke.closingProbe())) {
      ProbeRecord probe = report.probes().stream().filter(p -> p.index() == index).findFirst()
          .orElseThrow(() -> new AssertionError("no probe " + index + " in " + report.probes()));
      assertEquals(DIFFED, probe.profiles().keySet(), "profiles of probe " + index);
      // Each saved profile was copied beside the report that links to it.
      probe.profiles().values().forEach(profile -> assertTrue(Files.isRegularFile(folder.resolve(profile)), profile));
    }
  }

  @Test
  void memoryHtmlLeadsWithTheFailedCheckAndItsGroupsAsChromiumParsesIt() throws Exception {
    HeadlessChromium.assumeInstalled();
    String dom = HeadlessChromium.dumpDom(folder.resolve("memory.html"), run.resultsDir);
    int failed = dom.indexOf("<div id=\"failed\">");
    int grid = dom.indexOf("<table id=\"verdict\" class=\"grid\">");
    assertTrue(failed >= 0 && grid > failed, "What failed before the grid");
    String failedSection = dom.substring(failed, grid);
    assertTrue(failedSection.contains("goroutine growth [smoke]") && failedSection.contains("main.leakyNotifyDeliver"),
        failedSection);
    assertTrue(dom.contains("main module <code>github.com/gin-preflight/gin-lab"), "build section");
    // The failed check's detail shows the parked deliverers' group: state, stack site and creator
    assertTrue(failedSection.matches("(?s).*<td>chan send[^<]*</td><td><code>main\\.leakyNotifyDeliver "
        + "\\(leak_blocked_goroutine\\.go:\\d+\\)</code></td><td><code>main\\.leakyNotifyHandler .*"), failedSection);
  }
}
