package io.ginpreflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.DescriptorGroup;
import io.ginpreflight.model.DescriptorKind;
import io.ginpreflight.model.Figures;
import io.ginpreflight.model.GoroutineGroup;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.TempFileGroup;
import io.ginpreflight.testkit.HeadlessChromium;
import io.ginpreflight.testkit.ReportFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakGroupsHtmlTest {

  @TempDir
  Path dir;

  /** The groups of the captured fixtures (GoroutineGroupsTest, DescriptorListingTest, TempFileGroupsTest). */
  private static final GoroutineGroup DELIVERERS = new GoroutineGroup("main.leakyNotifyDeliver",
      "leak_blocked_goroutine.go:77", "chan send", 0, true, "main.leakyNotifyHandler", "leak_blocked_goroutine.go:70",
      "", 5, 45, List.of("main.leakyNotifyDeliver (leak_blocked_goroutine.go:77)"));
  private static final DescriptorGroup UPSTREAM = new DescriptorGroup(DescriptorKind.TCP_SOCKET,
      "to 127.0.0.1:34165", "outbound, ESTABLISHED", 0, 40);
  private static final TempFileGroup UPLOADS = new TempFileGroup("gin-lab-upload-*", "lab-tmp", 1, 31, 65_536,
      65_536, 30 * 65_536, "");

  private static MemoryReport withGroups() {
    MemoryReport base = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    return ReportFixtures.with(base, List.of(
        ko(CheckKind.GOROUTINE_GROWTH, "api", 5, 45, 20, "goroutines +40 in phase \"api\"; top growth: "
            + DELIVERERS.sentence(), LeakDetail.ofGoroutines(List.of(), List.of(DELIVERERS))),
        ko(CheckKind.FD_GROWTH, "api", 13, 93, 10, "open file descriptors +80 in phase \"api\"",
            LeakDetail.ofDescriptors(List.of(UPSTREAM))),
        ko(CheckKind.TEMP_FILE_GROWTH, "uploads steady", 1, 31, 5, "temp files +30 in phase \"uploads steady\"",
            LeakDetail.ofTempFiles(List.of(UPLOADS)))), base.identity());
  }

  private static CheckResult ko(CheckKind kind, String phase, long before, long after, long limit, String message,
      LeakDetail detail) {
    return new CheckResult(kind, phase, Status.KO, Figures.growth(OptionalLong.of(before), OptionalLong.of(after),
        limit), null, message, detail, List.of());
  }

  @Test
  void theKoDetailShowsEachFailedChecksGroupsAsChromiumParsesThePage() throws Exception {
    HeadlessChromium.assumeInstalled();
    // GIVEN a failed run whose goroutine, descriptor and temp-file checks carry their groups
    Path page = dir.resolve("memory.html");
    MemoryReport report = withGroups();
    MemoryHtmlWriter.write(report, ReportFixtures.samples(report), page);
    // WHEN Chromium loads it
    String dom = HeadlessChromium.dumpDom(page, dir);
    // THEN the KO detail names the goroutines' state, stack and creator, the sockets' peer, the files' pattern
    int start = dom.indexOf("<div id=\"failed\">");
    assertTrue(start >= 0, dom);
    String section = dom.substring(start, dom.indexOf("<table id=\"verdict\"", start));
    int goroutineCheck = section.indexOf("goroutine growth [api]</h3>");
    assertTrue(goroutineCheck >= 0 && section.indexOf("goroutine-groups", goroutineCheck) > goroutineCheck, section);
    assertTrue(section.contains("<td>chan send, proved leaked</td><td><code>main.leakyNotifyDeliver "
        + "(leak_blocked_goroutine.go:77)</code></td><td><code>main.leakyNotifyHandler (leak_blocked_goroutine.go:70)"
        + "</code></td>"), section);
    assertTrue(section.contains("<pre>main.leakyNotifyDeliver (leak_blocked_goroutine.go:77)</pre>"), section);
    assertTrue(section.contains("<td>TCP sockets</td><td><code>to 127.0.0.1:34165</code></td>"
        + "<td>outbound, ESTABLISHED</td>"), section);
    assertTrue(section.contains("<code>gin-lab-upload-*</code></td><td class=\"num\">64.0 KiB</td>"
        + "<td class=\"num\">1.9 MiB</td><td><code>lab-tmp</code>"), section);
    // AND each kind of group is shown once, in its own check's detail
    for (String table : List.of("goroutine-groups", "descriptor-groups", "temp-file-groups")) {
      assertEquals(2, section.split("class=\"sites " + table + "\"", -1).length, table + " in " + section);
    }
  }

  @Test
  void theGroupsReadBackFromMemoryJson() throws Exception {
    // GIVEN the report with groups, written as memory.json
    MemoryReport report = withGroups();
    Path file = dir.resolve("memory.json");
    MemoryJson.write(report, file);
    // THEN they read back as written, under the names docs/memory-json.md gives them
    assertEquals(report, MemoryJson.read(file));
    String json = java.nio.file.Files.readString(file);
    assertTrue(json.contains("\"provedLeaked\" : true"), json);
    assertTrue(json.contains("\"kind\" : \"tcp\""), json);
    assertTrue(json.contains("\"pattern\" : \"gin-lab-upload-*\""), json);
  }
}
