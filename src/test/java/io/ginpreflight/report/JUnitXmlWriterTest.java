package io.ginpreflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.testkit.ReportFixtures;
import java.io.StringReader;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

class JUnitXmlWriterTest {

  private static final Schema SCHEMA = schema();

  @Test
  void oneTestcasePerCheckAndRunFailureValidAgainstTheJUnitSchema() throws Exception {
    // GIVEN a run with a KO and an inconclusive growth check, a KO and an OK rate and a run-level failure
    MemoryReport report = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    // WHEN its JUnit XML is written
    String xml = JUnitXmlWriter.render(report);
    // THEN it validates and counts five tests, three failures and one error
    validate(xml);
    assertTrue(xml.contains("<testsuite name=\"UploadSimulation\" tests=\"5\" failures=\"3\" errors=\"1\" "
        + "time=\"128.000\" skipped=\"0\" timestamp=\"2026-11-28T02:00:00\">"), xml);
    assertEquals(List.of("memory: heap growth [uploads steady]", "memory: goroutine growth [uploads steady]",
        "memory: retained bytes per request [uploads steady]", "memory: goroutines per 1000 requests [uploads steady]",
        "memory: run failure 1"),
        MemoryHtmlWriterTest.all(xml, "<testcase classname=\"memory.UploadSimulation\" name=\"([^\"]+)\""));
    // AND each failure carries the KO message, quotes escaped
    assertTrue(xml.contains("<failure message=\"" + ReportFixtures.HEAP_MESSAGE.replace("\"", "&quot;")
        + "\" type=\"KO\">"), xml);
    assertTrue(xml.contains("type=\"INCONCLUSIVE\">goroutines could not be measured"), xml);
    assertTrue(xml.contains("connection refused &lt;target died?&gt;"), xml);
    assertTrue(xml.contains("<error message=\"the target exited with code 2 during phase &quot;uploads steady&quot;\" "
        + "type=\"RUN\">"), xml);
  }

  @Test
  void aRunWithoutChecksFailsInsteadOfPassingEmpty() throws Exception {
    // GIVEN a run that died before its first judged phase was probed
    MemoryReport bare = new MemoryReport(MemoryReport.SCHEMA_VERSION, "SoakSimulation", "r", null, null, null, null,
        RunVerdict.FAIL, null, null, null, null, null, null, null, null, null, null);
    // WHEN its JUnit XML is written
    String xml = JUnitXmlWriter.render(bare);
    // THEN it validates and says that nothing was measured
    validate(xml);
    assertTrue(xml.contains("<testcase classname=\"memory.SoakSimulation\" name=\"memory: checks recorded\" "
        + "time=\"0.000\"><failure message=\"No memory check was recorded: the run ended before any judged phase "
        + "was probed.\" type=\"INCONCLUSIVE\">"), xml);
  }

  @Test
  void controlCharactersFromAGoPanicDoNotBreakTheXml() throws Exception {
    assertEquals("bad \uFFFD byte", JUnitXmlWriter.clean("bad \u0001 byte"));
    MemoryReport base = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    MemoryReport report = ReportFixtures.withFailures(base, List.of("panic: \u001b[31mred\u001b[0m"));
    validate(JUnitXmlWriter.render(report));
  }

  @Test
  void theSchemaRefusesWhatCiReadersWouldMisread() {
    // The schema test is only worth something if the schema can say no.
    SAXException refused = assertThrows(SAXException.class, () -> validate(
        "<testsuites tests=\"1\" failures=\"0\" errors=\"0\"><testsuite name=\"s\" tests=\"1\" failures=\"0\" "
            + "errors=\"0\" skipped=\"0\" time=\"1,5\" timestamp=\"2026-11-28T02:00:00\">"
            + "<testcase name=\"c\" classname=\"k\" time=\"0\"/></testsuite></testsuites>"));
    assertTrue(refused.getMessage().contains("1,5"), refused.getMessage());
  }

  private static void validate(String xml) throws Exception {
    Validator validator = SCHEMA.newValidator();
    validator.validate(new StreamSource(new StringReader(xml)));
  }

  private static Schema schema() {
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      return factory.newSchema(JUnitXmlWriterTest.class.getResource("/report/junit.xsd"));
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
  }
}
