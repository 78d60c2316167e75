package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.TargetKind;
import io.ginpreflight.report.MemoryJson;
import io.ginpreflight.report.MemoryReport;
import io.ginpreflight.target.LoopbackPorts;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.HeadlessChromium;
import io.ginpreflight.testkit.RequiresGo;
import io.ginpreflight.testkit.TestServiceBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The history across runs, made of real runs published to one reports folder: a run against a test service
 * (sessionsvc) and two fixed gin-lab runs are drawn apart in reports/index.html; a gin-lab run with a planted
 * 256 B-per-request leak, which its own night's (raised) limits let pass, is KO on its baseline against the
 * two fixed runs and passes with the baseline off; its comparison page with the last fixed run names the
 * changed verdict and the planted site. Short phases keep the five runs within a few minutes.
 */
@RequiresGo("to build gin-lab and testdata/sessionsvc")
class HistoryIT {

  private static final String BINDING = "io.ginpreflight.simulations.BindingSimulation";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  private static final Pattern BASELINE_KO = Pattern.compile("KO memory: baseline \\[binding\\]: retained bytes per "
      + "request in phase \"binding\" rose to (\\d+) B from a median of (-?[0-9.]+) B over 2 runs "
      + "\\((\\d{4}-\\d\\d-\\d\\d) \\.\\. (\\d{4}-\\d\\d-\\d\\d)\\); limit \\+8\\.0 B");

  @Test
  void aPlantedLeakUnderTheNightsOwnLimitsIsKoAgainstTheBaselineOfFixedRunsAndPassesWithTheBaselineOff()
      throws Exception {
    Path reports = Files.createTempDirectory(GatlingProcess.projectDir().resolve("target"), "it-history-")
        .resolve("reports");
    // GIVEN a run against another service, published to the same reports folder
    GatlingProcess other = GatlingProcess.run(BINDING, sessionsvc(reports), RUN_TIMEOUT);
    assertEquals(0, other.exitCode, other.output);
    // AND two fixed gin-lab runs: the first has no comparable run before it (the other service's does not count)
    GatlingProcess first = GatlingProcess.run(BINDING, lab(reports, List.of()), RUN_TIMEOUT);
    assertEquals(0, first.exitCode, first.output);
    assertTrue(first.output.contains("memory: baseline [binding] not judged: phase \"binding\" not judged against a "
        + "baseline: 0 comparable passing runs before this one, 2 needed (preflight.baseline.min-runs)"), first.output);
    GatlingProcess second = GatlingProcess.run(BINDING, lab(reports, List.of()), RUN_TIMEOUT);
    assertEquals(0, second.exitCode, second.output);
    assertTrue(second.output.contains("1 comparable passing run before this one, 2 needed"), second.output);
    Path lastFixed = reports.resolve(second.runFolder().orElseThrow().getFileName());

    // WHEN gin-lab keeps 256 B per binding request, compared with the last fixed run. A rise fails the baseline
    // only when the night's whole interval is above the median + limit; three probes leave one degree of
    // freedom, and when residuals exceed the noise Student's t (12.7) widens it: 64 B planted was measured at 65 B,
    // -3.0 to 132 B. 256 B stays clear of the median's +8 B in the widest interval seen.
    List<String> leak = List.of("-leak-bytes-per-request", "256", "-leak-routes", "binding");
    Map<String, String> leaky = lab(reports, leak);
    leaky.put("preflight.compare", lastFixed.toString());
    GatlingProcess drifted = GatlingProcess.run(BINDING, leaky, RUN_TIMEOUT);

    // THEN the night's own rate passes it, and the baseline fails the run with the sentence
    assertNotEquals(0, drifted.exitCode, drifted.output);
    assertTrue(drifted.output.contains("OK memory: retained bytes per request [binding]"), drifted.output);
    Matcher ko = BASELINE_KO.matcher(drifted.output);
    assertTrue(ko.find(), drifted.output);
    assertTrue(Integer.parseInt(ko.group(1)) >= 192, ko.group());
    assertTrue(Double.parseDouble(ko.group(2)) < 12, ko.group());
    Path driftedFolder = drifted.runFolder().orElseThrow();
    MemoryReport report = MemoryJson.read(driftedFolder.resolve("memory.json"));
    assertEquals(TargetKind.EMBEDDED_LAB, report.identity().targetKind());
    assertTrue(String.join(" ", report.identity().targetFlags()).endsWith("-leak-bytes-per-request 256 -leak-routes binding"),
        report.identity().toString());
    assertTrue(report.identity().goVersion().startsWith("go1."), report.identity().toString());
    assertEquals(Status.KO, report.checks(CheckKind.Rule.BASELINE).get(0).status());
    String html = Files.readString(driftedFolder.resolve("memory.html"));
    assertTrue(html.contains("<td class=\"ko\">KO<div class=\"msg\">retained bytes per request in phase &quot;binding&quot; "
        + "rose to " + ko.group(1) + " B"), html);
    String junit = Files.readString(driftedFolder.resolve("memory-junit.xml"));
    assertTrue(junit.contains("<testcase classname=\"memory.BindingSimulation\" name=\"memory: baseline [binding]\""),
        junit);
    assertTrue(junit.contains("rose to " + ko.group(1) + " B from a median of"), junit);

    // AND with the baseline off the same leak passes
    GatlingProcess off = GatlingProcess.run(BINDING, with(lab(reports, leak), "preflight.baseline", "off"), RUN_TIMEOUT);
    assertEquals(0, off.exitCode, off.output);
    assertTrue(!off.output.contains("memory: baseline ["), off.output);

    // AND the index draws the two targets in groups of their own: the other service's one run, gin-lab's four
    String index = Files.readString(reports.resolve("index.html"));
    List<String> groups = sections(index);
    assertEquals(2, groups.size(), index);
    String lab = groups.stream().filter(g -> g.contains("data-key=\"embedded gin-lab · BindingSimulation · quick\""))
        .findFirst().orElseThrow(() -> new AssertionError(index));
    String service = groups.stream().filter(g -> g.contains("data-key=\"started command " + sessionsvcBinary()))
        .findFirst().orElseThrow(() -> new AssertionError(index));
    assertTrue(lab.contains("(4 runs)"), lab);
    assertTrue(service.contains("(1 run)"), service);
    // Each run is one point per chart (one judged phase, two charts), and only in its own group's charts.
    assertEquals(8, count(lab, "<circle "), lab);
    assertEquals(2, count(service, "<circle "), service);

    // AND the comparison page lists the changed baseline verdict and the planted site, read from this run's
    // profiles as its probes parsed them and the other run's as saved
    Path comparison = reports.resolve(driftedFolder.getFileName()).resolve("comparison.html");
    assertTrue(drifted.output.contains("Comparison with " + lastFixed.getFileName() + ": file://" + comparison),
        drifted.output);
    String page = Files.readString(comparison);
    assertTrue(page.contains("<tr><td>memory: baseline [binding]</td><td class=\"inconclusive\">NOT_JUDGED</td>"
        + "<td class=\"ko\">KO</td>"), page);
    assertTrue(page.contains("<tr><td>run verdict</td><td class=\"ok\">PASS</td><td class=\"ko\">FAIL</td>"), page);
    String sites = page.substring(page.indexOf("id=\"changed-sites\""));
    assertTrue(sites.matches("(?s).*<tr><td>binding</td><td>heap</td><td><code>main\\.leakyPlantBytes</code>.*"),
        sites.substring(0, Math.min(4000, sites.length())));
    assertTrue(page.contains("go tool pprof -base " + lastFixed.getFileName() + "/profiles/"), page);

    // AND both pages render as Chromium parses them
    HeadlessChromium.assumeInstalled();
    Path scratch = Files.createDirectories(reports.resolveSibling("chromium"));
    assertEquals(2, sections(HeadlessChromium.dumpDom(reports.resolve("index.html"), scratch)).size());
    assertTrue(HeadlessChromium.dumpDom(comparison, scratch).contains("<tr><td>memory: baseline [binding]</td>"));
  }

  /** Every history group of the index, from its opening tag to its end. */
  private static List<String> sections(String dom) {
    Matcher m = Pattern.compile("(?s)<section class=\"history-group\".*?</section>").matcher(dom);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  /** Short phases, two comparable runs needed, and the night's per-request limits above the planted leak. */
  private static Map<String, String> common(Path reports) {
    Map<String, String> settings = new HashMap<>();
    settings.put("preflight.reports.dir", reports.toString());
    settings.put("preflight.baseline.min-runs", "2");
    settings.put("preflight.families.binding.load.quick.warm-up", "10s");
    settings.put("preflight.families.binding.load.quick.duration", "3s");
    settings.put("preflight.limits.retained-bytes-per-request", "1024");
    settings.put("preflight.limits.retained-bytes-per-virtual-user", "64KiB");
    settings.put("preflight.limits.heap-growth", "16MiB");
    return settings;
  }

  /** gin-lab sampling every 4 KiB of allocation, so a small site shows in the heap profile, plus {@code flags}. */
  private static Map<String, String> lab(Path reports, List<String> flags) {
    Map<String, String> settings = common(reports);
    List<String> args = new java.util.ArrayList<>(List.of("-mem-profile-rate", "4096"));
    args.addAll(flags);
    for (int i = 0; i < args.size(); i++) {
      settings.put("lab.args." + i, args.get(i));
    }
    return settings;
  }

  private static Map<String, String> with(Map<String, String> settings, String key, String value) {
    settings.put(key, value);
    return settings;
  }

  private static Path sessionsvcBinary() {
    return GatlingProcess.projectDir().resolve("target/it-history-sessionsvc/sessionsvc");
  }

  private static Map<String, String> sessionsvc(Path reports) throws Exception {
    Path binary = sessionsvcBinary();
    TestServiceBuild.build("sessionsvc", "./cmd/sessionsvc", binary);
    int port = LoopbackPorts.free();
    int pprof = LoopbackPorts.free();
    Map<String, String> settings = common(reports);
    settings.put("preflight.config", GatlingProcess.projectDir()
        .resolve("src/test/resources/testdata/sessionsvc/preflight-sessionsvc.conf").toString());
    settings.put("preflight.target.url", "http://127.0.0.1:" + port);
    settings.put("preflight.pprof.url", "http://127.0.0.1:" + pprof + "/debug/pprof");
    settings.put("preflight.target.command", binary + " -addr 127.0.0.1:" + port + " -pprof-addr 127.0.0.1:" + pprof
        + " -exit-on-stdin-eof");
    return settings;
  }
}
