package io.ginpreflight.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two texts of an availability, as the start-up line and memory.json have always written them. */
class AvailabilityTest {

  @Test
  void memoryJsonAnswersYesYesWithDetailOrNoWithWhy() {
    assertEquals("yes", Availability.YES.answer());
    assertEquals("yes (pid 19021)", Availability.yes("pid 19021").answer());
    assertEquals("no: no temp directory is known", Availability.no("no temp directory is known").answer());
    assertEquals("no: no pprof URL — serve net/http/pprof",
        Availability.no("no pprof URL", "serve net/http/pprof").answer());
    assertEquals("no: no expvar URL", Availability.no("no expvar URL", "").answer());
  }

  @Test
  void theStartUpLineSaysWhyInParentheses() {
    assertEquals("yes", Availability.YES.spoken());
    assertEquals("yes (/tmp/lab-tmp)", Availability.yes("/tmp/lab-tmp").spoken());
    assertEquals("no (GET http://x/debug/pprof/cmdline answered HTTP 404 — the heap is estimated)",
        Availability.no("GET http://x/debug/pprof/cmdline answered HTTP 404", "the heap is estimated").spoken());
  }

  @Test
  void anAnswerReadsBackAsTheSameAvailability() {
    // GIVEN every form memory.json holds
    List<Availability> all = List.of(Availability.YES, Availability.yes("pid 19021"),
        Availability.no("the target is not a local process (descriptors and RSS come from its metrics)"),
        Availability.no("no metrics URL", "add to the Gin app"));
    // WHEN each answer is parsed THEN it is the availability that wrote it
    all.forEach(a -> assertEquals(a, Availability.parse(a.answer())));
  }
}
