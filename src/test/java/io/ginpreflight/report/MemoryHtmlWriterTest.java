package io.ginpreflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.GoModule;
import io.ginpreflight.model.KnownLeakNote;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.signal.HeapProfileText;
import io.ginpreflight.signal.HeapSites;
import io.ginpreflight.signal.HeapTopGrowth;
import io.ginpreflight.signal.KnownLeaks;
import io.ginpreflight.signal.SiteContext;
import io.ginpreflight.testkit.Fixtures;
import io.ginpreflight.testkit.HeadlessChromium;
import io.ginpreflight.testkit.ReportFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryHtmlWriterTest {

  @TempDir
  Path dir;

  @Test
  void chartsAndVerdictTableAreThereAsChromiumParsesThePage() throws Exception {
    HeadlessChromium.assumeInstalled();
    // GIVEN a failed run with a KO heap check, an inconclusive goroutine check and samples
    MemoryReport report = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    Path page = dir.resolve("memory.html");
    // WHEN the page is written and loaded in headless Chromium
    MemoryHtmlWriter.write(report, ReportFixtures.samples(report), page);
    String dom = HeadlessChromium.dumpDom(page, dir);
    // THEN every signal has its chart, with bands and probe markers, and the verdict table has both checks
    assertEquals(List.of("chart-heap", "chart-goroutines", "chart-open-fds", "chart-rss", "chart-temp-files",
        "chart-temp-bytes"), all(dom, "<svg class=\"chart\" id=\"([^\"]+)\""));
    assertEquals(6 * 2, count(dom, "<rect class=\"band-"));
    assertEquals(6 * 3, count(dom, "<line class=\"probe-line\""));
    // AND the page opens with what failed: the KO heap check with its sites, the inconclusive goroutine
    // check and the KO rate, in that order, before the grid of every check
    String failed = section(dom, "<div id=\"failed\">", "<h2>Every check</h2>");
    assertEquals(List.of("failed-0", "failed-1", "failed-2"), all(failed, "<section class=\"ko-check [a-z]+\" id=\"([^\"]+)\""));
    assertTrue(failed.contains("<td><code>main.saveUpload</code>"), failed);
    assertTrue(failed.contains("<div class=\"groups\" id=\"failed-0-groups\">"), "the groups hook");
    String verdict = section(dom, "<table id=\"verdict\" class=\"grid\">", "</table>");
    assertEquals(List.of("uploads steady"), all(verdict, "<tr><td>([^<]+)</td>"));
    assertEquals(List.of("heap growth", "goroutine growth", "retained bytes per request"),
        all(verdict, "<th>([^<]+)</th>").subList(1, 4));
    assertTrue(verdict.contains("<td class=\"ko\" title=\"heap +48.2 MiB in phase"), verdict);
    assertTrue(verdict.contains("<a href=\"#failed-0\">KO</a>"), verdict);
    assertTrue(verdict.contains("<td class=\"inconclusive\""), verdict);
    // AND the messages' quotes and angle brackets stayed text
    assertTrue(failed.contains("connection refused &lt;target died?&gt;"), failed);
    assertTrue(dom.contains("<div class=\"banner\" id=\"failures\">"), "run-level failure banner");
    Path png = HeadlessChromium.screenshot(page, dir.resolve("memory.png"), dir);
    assertTrue(Files.size(png) > 10_000, "screenshot of " + Files.size(png) + " bytes");
    copyForHumans(png, "memory.png");
  }

  @Test
  void aHeapKoShowsItsSitesWholeStacksOwnFramesAndTheTargetsModules() throws Exception {
    HeadlessChromium.assumeInstalled();
    // GIVEN a KO heap check whose sites come from gin-lab's kept-request profiles, and the build info of
    // a binary with a flagged module
    BuildInfo build = new BuildInfo("go1.26.8", new GoModule("github.com/gin-preflight/gin-lab", "(devel)", ""),
        List.of(new GoModule("github.com/gin-gonic/gin", "v1.12.0", ""),
            new GoModule("github.com/99designs/gqlgen", "v0.17.2", "")), "/proc/4242/exe", "");
    List<SiteGrowth> sites = HeapSites.growing(
        HeapProfileText.parse(Fixtures.text("heap-kept-request-before.txt")),
        HeapProfileText.parse(Fixtures.text("heap-kept-request-after.txt")), new SiteContext(build, Map.of()), 5);
    MemoryReport base = ReportFixtures.report("BindingSimulation", ReportFixtures.START);
    CheckResult heap = base.checks().get(0);
    CheckResult kept = new CheckResult(heap.kind(), heap.scope(), heap.status(), heap.figures(), null,
        "heap +1.6 MiB in phase \"uploads steady\"; " + HeapTopGrowth.clause(sites).orElseThrow(),
        LeakDetail.ofSites(sites), List.of());
    List<KnownLeakNote> notes = KnownLeaks.curated().flag(build);
    MemoryReport report = new MemoryReport(base.schemaVersion(), base.simulation(), base.runId(), base.startedAt(),
        base.endedAt(), base.target(), base.signals(), base.verdict(), base.failures(), base.phases(), base.probes(),
        List.of(kept), base.samplesFile(), base.noise(), build, notes, null, base.failing());
    Path page = dir.resolve("memory.html");

    // WHEN the page is written and loaded in headless Chromium
    MemoryHtmlWriter.write(report, ReportFixtures.samples(report), page);
    String dom = HeadlessChromium.dumpDom(page, dir);

    // THEN the failed check lists the five library sites and the service's nearest one, each with its
    // module, objects before and after, sampling note and folded stack with the own frames marked
    String failed = section(dom, "<div id=\"failed\">", "<h2>Every check</h2>");
    assertEquals(6, count(failed, "<details class=\"stack\">"));
    assertTrue(failed.contains("<td><code>net/textproto.readMIMEHeader</code>"), failed);
    assertTrue(failed.contains("<td>the standard library (go1.26.8)</td>"), failed);
    assertTrue(failed.contains("allocation stack, 8 frames, none of them yours")
        || failed.matches("(?s).*allocation stack, \\d+ frames, none of them yours.*"), failed);
    assertTrue(failed.contains("<li class=\"own\">main.leakyRequestJournal"), failed);
    assertTrue(failed.contains("sampled every 64.0 KiB"), failed);
    assertTrue(failed.contains("<td class=\"num\">0</td><td class=\"num\">4480</td>"), failed);
    // AND the build section names the Go version, the modules and the flagged one as a note
    String buildSection = section(dom, "<div id=\"build\">", "</details></div>");
    assertTrue(buildSection.contains("go1.26.8, main module <code>github.com/gin-preflight/gin-lab (devel)</code>"),
        buildSection);
    assertTrue(buildSection.contains("<code>github.com/99designs/gqlgen v0.17.2</code> is in a release range with a "
        + "known, publicly fixed leak (before v0.17.9)"), buildSection);
    assertTrue(buildSection.contains("<td><code>github.com/gin-gonic/gin</code></td><td>v1.12.0</td>"), buildSection);
    Path png = HeadlessChromium.screenshot(page, dir.resolve("memory-heap.png"), dir);
    copyForHumans(png, "memory-heap.png");
  }

  @Test
  void pageNeedsNoNetworkAndEscapesEveryTextFromTheRun() {
    // GIVEN a report whose texts contain markup
    MemoryReport base = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    MemoryReport report = new MemoryReport(base.schemaVersion(), "<script>alert(1)</script>", base.runId(),
        base.startedAt(), base.endedAt(), "http://x/?a=1&b=\"2\"", base.signals(), base.verdict(),
        List.of("panic: <nil> & \"quotes\""), base.phases(), base.probes(), base.checks(), base.samplesFile(),
        base.noise(), base.build(), base.knownLeaks(), base.identity(), base.failing());
    // WHEN it is rendered
    String html = MemoryHtmlWriter.render(report, ReportFixtures.samples(report));
    // THEN nothing is fetched from anywhere and no text from the run became markup
    assertFalse(html.contains("<script"), "a script element");
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "a network reference");
    assertFalse(html.contains("<link"), "a linked stylesheet");
    assertTrue(html.contains("<li>panic: &lt;nil&gt; &amp; &quot;quotes&quot;</li>"));
    assertTrue(html.contains("target http://x/?a=1&amp;b=&quot;2&quot;"));
  }

  @Test
  void eachPhaseGetsThePprofCommandFromTheProbeThatOpenedItToTheOneThatClosedIt() {
    // GIVEN probes 1..3 around "warm up" and "uploads steady"
    MemoryReport report = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    // WHEN the page is rendered
    String html = MemoryHtmlWriter.render(report, List.of());
    // THEN the commands diff the profiles of the probes on either side of each phase
    assertEquals(List.of(
        "go tool pprof -base profiles/probe-1-goroutine.pb.gz profiles/probe-2-goroutine.pb.gz",
        "go tool pprof -base profiles/probe-1-heap.pb.gz profiles/probe-2-heap.pb.gz",
        "go tool pprof -base profiles/probe-2-goroutine.pb.gz profiles/probe-3-goroutine.pb.gz",
        "go tool pprof -base profiles/probe-2-heap.pb.gz profiles/probe-3-heap.pb.gz"),
        all(html, "<pre>([^<]+)</pre>"));
    assertTrue(html.contains("<a href=\"profiles/probe-3-heap.pb.gz\">heap</a>"));
    // AND without samples the page says so instead of drawing empty charts
    assertTrue(html.contains("No continuous samples were recorded (samples.jsonl)."));
    assertEquals(0, count(html, "<svg"));
  }

  @Test
  void pprofCommandQuotesPathsTheShellWouldSplit() {
    assertEquals("go tool pprof -base 'my run/p1.pb.gz' 'it'\\''s/p2.pb.gz'",
        MemoryHtmlTables.pprofCommand("my run/p1.pb.gz", "it's/p2.pb.gz"));
  }

  @Test
  void aReportWithNothingButANameStillRenders() {
    // GIVEN what an interrupted run may leave: no phases, probes, checks or times
    MemoryReport bare = new MemoryReport(MemoryReport.SCHEMA_VERSION, "SoakSimulation", null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null);
    // WHEN it is rendered
    String html = MemoryHtmlWriter.render(bare, List.of());
    // THEN the page says what is missing and the verdict is not a pass
    assertTrue(html.contains("No memory check was recorded"));
    assertTrue(html.contains("<span id=\"run-verdict\" class=\"badge ko\">FAIL</span>"));
  }

  static List<String> all(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  static String section(String text, String from, String to) {
    int start = text.indexOf(from);
    assertTrue(start >= 0, "missing " + from);
    return text.substring(start, text.indexOf(to, start) + to.length());
  }

  /** Keeps the last screenshot in target/ so a person can look at it after the build. */
  static void copyForHumans(Path png, String name) throws java.io.IOException {
    Path out = Path.of("target", "report-screenshots");
    Files.createDirectories(out);
    Files.copy(png, out.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
