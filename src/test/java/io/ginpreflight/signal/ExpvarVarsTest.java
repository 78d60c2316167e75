package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ginpreflight.testkit.Fixtures;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ExpvarVarsTest {

  private static final String BEFORE = Fixtures.text("vars-before.json");
  private static final String AFTER = Fixtures.text("vars-after.json");

  @Test
  void memstatsAreRead() throws Exception {
    // GIVEN gin-lab's /debug/vars after the phase
    // WHEN it is parsed
    ExpvarVars vars = ExpvarVars.parse(AFTER);

    // THEN the MemStats fields are those of the JSON, read independently here
    ObjectNode memstats = (ObjectNode) new ObjectMapper().readTree(AFTER).get("memstats");
    assertEquals(memstats.get("HeapAlloc").asLong(), vars.heapAlloc());
    assertEquals(memstats.get("HeapObjects").asLong(), vars.heapObjects());
    assertEquals(memstats.get("Sys").asLong(), vars.sys());
    // in-use spans hold the live objects and their free slots, so never less than HeapAlloc
    assertTrue(vars.heapInuse() >= vars.heapAlloc());
    // the capture forced GCs between the two pages (heap?gc=1)
    assertTrue(vars.numGC() > ExpvarVars.parse(BEFORE).numGC());
  }

  @Test
  void publishedNumbersAreFoundByName() throws SignalUnavailable {
    // GIVEN gin-lab's request counter, an expvar.Int, and its leak names, an expvar.String
    ExpvarVars vars = ExpvarVars.parse(AFTER);

    // WHEN they are asked for as numbers
    double served = vars.number("lab_requests_served").orElseThrow();

    // THEN the counter has every request of the capture (and a few probes); the string is no number
    assertTrue(served >= 2 * Fixtures.WARMUP_NOTIFIES + Fixtures.LEAK_REQUESTS, "served " + served);
    assertEquals(OptionalDouble.empty(), vars.number("lab_leaks"));
    assertEquals(OptionalDouble.empty(), vars.number("no_such_var"));
  }

  @Test
  void truncatedJsonNamesLineAndColumn() {
    // GIVEN /debug/vars cut in the middle of its memstats line
    String truncated = Fixtures.cutInside(AFTER, "\"memstats\"");

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> ExpvarVars.parse(truncated));

    // THEN Jackson's location and reason are passed on: the text ends halfway along that line
    int line = Fixtures.lineOf(AFTER, "\"memstats\"");
    int column = truncated.length() - truncated.lastIndexOf('\n');
    assertEquals("the expvar JSON is malformed at line " + line + ", column " + column
        + ": Unexpected end-of-input in field name", problem.getMessage());
  }

  @Test
  void metricsTextIsNotJson() {
    // GIVEN the metrics page where /debug/vars was expected
    SignalUnavailable problem =
        assertThrows(SignalUnavailable.class, () -> ExpvarVars.parse(Fixtures.text("metrics-after.txt")));

    // THEN the first character is blamed, without Jackson's source description
    assertEquals("the expvar JSON is malformed at line 1, column 1: Unexpected character ('#' (code 35)): "
        + "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        problem.getMessage());
  }

  @Test
  void jsonWithoutMemstatsIsRefused() throws Exception {
    // GIVEN /debug/vars with its memstats member removed (edited here)
    ObjectNode edited = (ObjectNode) new ObjectMapper().readTree(AFTER);
    edited.remove("memstats");

    // WHEN it is parsed
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> ExpvarVars.parse(edited.toString()));

    // THEN the missing object is named
    assertEquals("the expvar JSON has no 'memstats' object (expvar publishes it when the program imports "
        + "expvar; is this /debug/vars?)", problem.getMessage());
  }

  @Test
  void missingFieldIsNamed() throws SignalUnavailable {
    ExpvarVars vars = ExpvarVars.parse(AFTER);
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> vars.memstat("PauseNs"));
    assertEquals("the expvar memstats have no integer PauseNs field", problem.getMessage());
  }

  @Test
  void emptyAndNonObjectBodiesAreRefused() {
    assertEquals("the expvar JSON is empty",
        assertThrows(SignalUnavailable.class, () -> ExpvarVars.parse("")).getMessage());
    // the cmdline member of the capture, an array, in place of the whole page
    assertEquals("the expvar JSON is not an object but array",
        assertThrows(SignalUnavailable.class, () -> ExpvarVars.parse(AFTER.lines()
            .filter(line -> line.startsWith("\"cmdline\": ")).findFirst().orElseThrow()
            .substring("\"cmdline\": ".length()).replaceAll(",$", ""))).getMessage());
  }
}
