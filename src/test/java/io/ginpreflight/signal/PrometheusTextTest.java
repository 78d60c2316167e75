package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.testkit.Fixtures;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String CLASSIC = Fixtures.text("metrics-after.txt");
  private static final String OPEN_METRICS = Fixtures.text("metrics-openmetrics.txt");

  @Test
  void classicTextGivesUnlabelledSamplesBySeries() throws SignalUnavailable {
    // GIVEN gin-lab's /metrics, classic text format, after the leaky phase
    // WHEN it is parsed
    PrometheusText metrics = PrometheusText.parse(CLASSIC);

    // THEN the goroutine gauge is there, and it counts at least the parked deliverers
    assertTrue(metrics.requireLong("go_goroutines") >= Fixtures.WARMUP_NOTIFIES + Fixtures.LEAK_NOTIFIES);
    assertFalse(metrics.isOpenMetrics());
  }

  @Test
  void labelledSeriesAreFoundByNameAndLabels() throws SignalUnavailable {
    // GIVEN gin-lab's leak budget gauges, one series per resource
    PrometheusText metrics = PrometheusText.parse(CLASSIC);

    // WHEN they are looked up by name and labels, or by the series as written
    OptionalDouble goroutines = metrics.value("gin_lab_leak_budget_used", Map.of("resource", "leaked goroutines"));
    OptionalDouble heap = metrics.value("gin_lab_leak_budget_used{resource=\"retained heap bytes\"}");

    // THEN they hold what the capture's requests leaked: one goroutine per notify, 4 KiB per request
    int warmupRequests = 2 * Fixtures.WARMUP_NOTIFIES;
    assertEquals(OptionalDouble.of(Fixtures.WARMUP_NOTIFIES + Fixtures.LEAK_NOTIFIES), goroutines);
    assertEquals(OptionalDouble.of((warmupRequests + Fixtures.LEAK_REQUESTS) * 4096.0), heap);
    assertEquals(5, metrics.series("gin_lab_leak_budget_used").size());
    assertEquals(OptionalDouble.empty(), metrics.value("gin_lab_leak_budget_used", Map.of()));
  }

  @Test
  void openMetricsWithCreatedExemplarsAndTimestamps() throws SignalUnavailable {
    // GIVEN an OpenMetrics exposition from client_golang with created samples, exemplars, a timestamp
    // WHEN it is parsed
    PrometheusText metrics = PrometheusText.parse(OPEN_METRICS);

    // THEN exemplars and timestamps do not leak into values, +Inf is a label like any other
    assertTrue(metrics.isOpenMetrics());
    assertEquals(OptionalDouble.of(3), metrics.value("capture_requests_total", Map.of("route", "/api/items/:id")));
    assertEquals(OptionalDouble.of(1), metrics.value("capture_request_seconds_bucket", Map.of("le", "0.05")));
    assertEquals(OptionalDouble.of(2), metrics.value("capture_request_seconds_bucket", Map.of("le", "+Inf")));
    assertEquals(OptionalDouble.of(42), metrics.value("capture_last_push_items"));
    // _created is seconds since the epoch of when the counter was made: after 2023 on any clock we run
    double created = metrics.value("capture_requests_created", Map.of("route", "/api/notify")).orElseThrow();
    assertTrue(created > 1.7e9, "created " + created);
    assertTrue(metrics.requireLong("go_goroutines") >= 1);
  }

  @Test
  void missingSeriesSaysWhichAndWhy() throws SignalUnavailable {
    // GIVEN the OpenMetrics capture, which has no gin_lab series
    PrometheusText metrics = PrometheusText.parse(OPEN_METRICS);

    // WHEN a series it lacks is required
    SignalUnavailable missing = assertThrows(SignalUnavailable.class, () -> metrics.requireLong("gin_lab_leak_budget_used"));

    // THEN the message names it
    assertEquals("the metrics have no 'gin_lab_leak_budget_used' sample (is the Go collector registered? "
        + "client_golang's default registry has it)", missing.getMessage());
  }

  @Test
  void truncatedLineIsNamedWithItsNumber() {
    // GIVEN the classic capture cut off in the middle of its go_goroutines line
    String truncated = Fixtures.cutInside(CLASSIC, "\ngo_goroutines ");

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> PrometheusText.parse(truncated));

    // THEN the error names the line and quotes it
    assertEquals("metrics line " + Fixtures.lineOf(CLASSIC, "\ngo_goroutines ") + " is not 'name value': go_gorout",
        problem.getMessage());
  }

  @Test
  void brokenLabelSetIsRefused() {
    // GIVEN the classic capture cut inside a label value
    String truncated = Fixtures.cutInside(CLASSIC, "gin_lab_leak_budget_used{resource=\"leaked goroutines\"}");

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> PrometheusText.parse(truncated));

    // THEN the label set is blamed
    assertEquals("metrics line " + Fixtures.lineOf(CLASSIC, "gin_lab_leak_budget_used{resource=\"leaked goroutines\"}")
        + " has a malformed label set: gin_lab_leak_budget_used{reso", problem.getMessage());
  }

  @Test
  void nonNumericValueIsRefused() {
    // GIVEN the capture with go_goroutines' value written with a thousands separator (edited here)
    String edited = CLASSIC.replaceFirst("\ngo_goroutines (\\d)(\\d+)\n", "\ngo_goroutines $1,$2\n");

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> PrometheusText.parse(edited));

    // THEN the value is blamed
    assertTrue(problem.getMessage().startsWith("metrics line " + Fixtures.lineOf(CLASSIC, "\ngo_goroutines ")
        + " has no numeric value: go_goroutines 1,"), problem.getMessage());
  }

  @Test
  void textAfterEofIsRefused() {
    // GIVEN two scrapes run together: the OpenMetrics capture, then the classic one
    String joined = OPEN_METRICS + CLASSIC;

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> PrometheusText.parse(joined));

    // THEN the first line after # EOF is named
    int eof = Fixtures.lineOf(OPEN_METRICS, "# EOF");
    assertEquals("metrics line " + (eof + 1) + " follows '# EOF' of line " + eof + ": "
        + CLASSIC.lines().findFirst().orElseThrow().substring(0, 77) + "...", problem.getMessage());
  }

  @Test
  void brokenExemplarIsRefused() {
    // GIVEN the OpenMetrics capture with its first exemplar cut short
    String truncated = Fixtures.cutInside(OPEN_METRICS, "# {trace_id=\"4bf92f3577b34da6\"}");

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> PrometheusText.parse(truncated));

    // THEN the exemplar is blamed
    assertEquals("metrics line " + Fixtures.lineOf(OPEN_METRICS, "# {trace_id=\"4bf92f3577b34da6\"}")
        + " has a malformed exemplar: capture_requests_total{route=\"/api/items/:id\"} 3.0 # {",
        problem.getMessage());
  }
}
