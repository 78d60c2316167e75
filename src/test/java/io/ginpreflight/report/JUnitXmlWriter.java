package io.ginpreflight.report;

import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Status;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders memory-junit.xml, the JUnit XML that Jenkins, GitLab and GitHub test reporters read: one
 * testcase per memory check (as Gatling records it) and per run-level failure. A run without any check is
 * reported as a failing testcase too, because "could not measure" is never a pass.
 */
public final class JUnitXmlWriter {

  private JUnitXmlWriter() {}

  /**
   * One testcase as written; {@code kind} is null for a pass, else the status or failure's type. A skipped
   * one is neither a pass nor a failure: a baseline that was not judged, and a check undecided or unmeasured
   * that the user chose to be warned of only; its message says which.
   */
  private record Case(String name, double seconds, String kind, String message, boolean error, boolean skipped) {}

  public static void write(MemoryReport report, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, render(report), StandardCharsets.UTF_8);
  }

  public static String render(MemoryReport report) {
    String simulation = report.simulation();
    List<Case> cases = cases(report);
    long failures = cases.stream().filter(c -> c.kind() != null && !c.error() && !c.skipped()).count();
    long skipped = cases.stream().filter(Case::skipped).count();
    long errors = cases.stream().filter(Case::error).count();
    String time = seconds(duration(report.startedAt(), report.endedAt()));
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "Gin Preflight memory");
      counts(xml, cases.size(), failures, errors, time);
      xml.writeCharacters("\n  ");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", clean(simulation));
      counts(xml, cases.size(), failures, errors, time);
      xml.writeAttribute("skipped", Long.toString(skipped));
      xml.writeAttribute("timestamp", (report.startedAt() == null ? Instant.EPOCH : report.startedAt())
          .truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
      xml.writeCharacters("\n    ");
      xml.writeStartElement("properties");
      property(xml, "runId", report.runId());
      property(xml, "target", report.target());
      property(xml, "verdict", report.verdict());
      xml.writeEndElement();
      for (Case c : cases) {
        xml.writeCharacters("\n    ");
        testcase(xml, "memory." + simulation, c);
      }
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Cannot write JUnit XML: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static List<Case> cases(MemoryReport report) {
    List<Case> cases = new ArrayList<>();
    for (CheckResult check : report.checks()) {
      Status status = check.status();
      boolean warning = status == Status.NOT_JUDGED || (status != Status.OK && !report.failing().contains(status));
      cases.add(new Case(check.recordName(), phaseSeconds(report.phases(), check.scope()),
          status == Status.OK ? null : status.name(), check.message(), false, warning));
    }
    List<String> failures = report.failures();
    for (int i = 0; i < failures.size(); i++) {
      cases.add(new Case("memory: run failure " + (i + 1), 0, "RUN", failures.get(i), true, false));
    }
    if (!report.judgedAnything()) {
      cases.add(new Case("memory: checks recorded", 0, Status.INCONCLUSIVE.name(),
          "No memory check was recorded: the run ended before any judged phase was probed.", false, false));
    }
    return cases;
  }

  private static void testcase(XMLStreamWriter xml, String classname, Case c) throws XMLStreamException {
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", clean(classname));
    xml.writeAttribute("name", clean(c.name()));
    xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", c.seconds()));
    if (c.skipped()) {
      // A warning says its status first: it is not a pass, and a test reporter shows only the message.
      String said = text(c.message(), c.kind());
      xml.writeEmptyElement("skipped");
      xml.writeAttribute("message", clean(Status.NOT_JUDGED.name().equals(c.kind()) ? said : c.kind() + ": " + said));
    } else if (c.kind() != null) {
      String message = clean(text(c.message(), c.kind()));
      xml.writeStartElement(c.error() ? "error" : "failure");
      xml.writeAttribute("message", message);
      xml.writeAttribute("type", clean(c.kind()));
      xml.writeCharacters(message);
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private static void counts(XMLStreamWriter xml, int tests, long failures, long errors, String time)
      throws XMLStreamException {
    xml.writeAttribute("tests", Integer.toString(tests));
    xml.writeAttribute("failures", Long.toString(failures));
    xml.writeAttribute("errors", Long.toString(errors));
    xml.writeAttribute("time", time);
  }

  private static void property(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
    xml.writeCharacters("\n      ");
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", name);
    xml.writeAttribute("value", clean(Objects.toString(value, "")));
  }

  private static double phaseSeconds(List<PhaseRecord> phases, String phase) {
    return phases.stream().filter(p -> Objects.equals(p.name(), phase)).findFirst()
        .map(p -> duration(p.startedAt(), p.endedAt()).toMillis() / 1000.0).orElse(0.0);
  }

  private static Duration duration(Instant from, Instant to) {
    return from == null || to == null || to.isBefore(from) ? Duration.ZERO : Duration.between(from, to);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
  }

  private static String text(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  /** XML 1.0 cannot carry most control characters at all, not even escaped; a Go panic message can. */
  static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
          || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
      out.appendCodePoint(allowed ? cp : 0xFFFD);
    });
    return out.toString();
  }
}
