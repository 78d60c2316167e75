package io.ginpreflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.AttributedGroup;
import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Figures;
import io.ginpreflight.model.Interval;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.Status;
import io.ginpreflight.testkit.ReportFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an attribution found, in memory.json (read back as written) and in memory.html's KO section. */
class AttributionReportTest {

  @TempDir
  Path dir;

  private static final Attribution FOUND = new Attribution(CheckKind.RETAINED_BYTES_PER_REQUEST,
      Attribution.Outcome.LOCATED, "920 B per \"cart: add\" request (POST /v1/carts/c#{seq}/items); the other 2 "
          + "requests of binding at most 23 B each",
      List.of(new AttributedGroup(List.of("cart: add", "cart: read"), List.of("POST /v1/carts/c#{seq}/items",
              "GET /v1/carts/c#{seq}"), 640, 461.0, new Interval(440, 482), AttributedGroup.Share.RETAINS, 0),
          new AttributedGroup(List.of("search"), List.of("GET /v1/search?q=<b>"), 320, 3.0, new Interval(-20, 26),
              AttributedGroup.Share.NONE_SHOWN, 0),
          new AttributedGroup(List.of("cart: read"), List.of("GET /v1/carts/c#{seq}"), 320, 1.0,
              new Interval(-22, 24), AttributedGroup.Share.NONE_SHOWN, 320),
          new AttributedGroup(List.of("cart: add"), List.of("POST /v1/carts/c#{seq}/items"), 0, null, null,
              AttributedGroup.Share.INFERRED, 0)), 3);

  private static MemoryReport withAttributedCheck() {
    MemoryReport base = ReportFixtures.report("BindingSimulation", ReportFixtures.START);
    CheckResult check = new CheckResult(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding", Status.KO,
        Figures.rate(51.0, 16, 4, 20_000, 8192, false, 47.0), new Interval(49, 53), "heap retained 51 B per request "
            + "in phase \"binding\"; " + FOUND.sentence() + "; 95 % interval 49 to 53 B",
        LeakDetail.NONE.withAttribution(FOUND), List.of());
    return new MemoryReport(base.schemaVersion(), base.simulation(), base.runId(), base.startedAt(), base.endedAt(),
        base.target(), base.signals(), RunVerdict.FAIL, base.failures(), base.phases(), base.probes(),
        List.of(check), base.samplesFile(), base.noise(), base.build(), base.knownLeaks(), base.identity(),
        base.failing());
  }

  @Test
  void memoryJsonKeepsEveryGroupWithItsRateIntervalAndWhatItShows() throws Exception {
    MemoryReport report = withAttributedCheck();
    Path file = dir.resolve("memory.json");

    MemoryJson.write(report, file);

    assertEquals(report, MemoryJson.read(file));
    String json = Files.readString(file);
    for (String text : List.of("\"attribution\" : {", "\"outcome\" : \"LOCATED\"", "\"share\" : \"RETAINS\"",
        "\"share\" : \"INFERRED\"", "\"answeredOtherwise\" : 320", "\"sent\" : 640", "\"rate\" : 461")) {
      assertTrue(json.contains(text), text + " in\n" + json);
    }
  }

  @Test
  void memoryHtmlShowsTheTableUnderTheSentenceBeforeTheSites() {
    String html = MemoryHtmlFailed.section(MemoryHtmlFailed.of(withAttributedCheck().checks()), true);

    int sentence = html.indexOf("<p class=\"sentence\">");
    int table = html.indexOf("<table class=\"attribution\">");
    assertTrue(sentence >= 0 && table > sentence, html);
    assertTrue(html.contains("<tr class=\"retains\"><td><ul><li>cart: add</li><li>cart: read</li></ul></td><td><code>"
        + "<ul><li>POST /v1/carts/c#{seq}/items</li><li>GET /v1/carts/c#{seq}</li></ul></code></td><td class=\"num\">"
        + "640</td><td class=\"num\">461 B</td><td class=\"num\">440 B to 482 B</td><td>keeps it</td>"), html);
    assertTrue(html.contains("<td><code>GET /v1/search?q=&lt;b&gt;</code></td>"), "escaped: " + html);
    assertTrue(html.contains("<td>holds the rest: the other half kept less than half</td>"), html);
    assertTrue(html.contains("<td class=\"num\">320</td></tr>"), "answered otherwise: " + html);
  }
}
