package io.ginpreflight.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.Source;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

  @Test
  void theStartUpLineListsEachSourceInOrderWithItsDetailOrWhy() {
    // GIVEN a local target without pprof
    Map<Source, Availability> sources = new LinkedHashMap<>();
    sources.put(Source.METRICS, Availability.YES);
    sources.put(Source.PPROF, Availability.no("no pprof URL", "the heap is estimated from metrics"));
    sources.put(Source.EXPVAR, Availability.YES);
    sources.put(Source.PROCFS, Availability.yes("pid 19021"));
    sources.put(Source.TEMP_DIR, Availability.yes("/tmp/lab-tmp"));
    Capabilities capabilities = new Capabilities(sources);
    // THEN the line reads as it always has, and only what answered "yes" is offered
    assertEquals("metrics: yes, pprof: no (no pprof URL — the heap is estimated from metrics), expvar: yes, "
        + "procfs: yes (pid 19021), temp dir: yes (/tmp/lab-tmp)", capabilities.summary());
    assertTrue(capabilities.offers(Source.PROCFS));
    assertFalse(capabilities.offers(Source.PPROF));
  }

  @Test
  void aSourceThatWasNotAskedIsNotOffered() {
    assertFalse(new Capabilities(Map.of(Source.METRICS, Availability.YES)).offers(Source.EXPVAR));
  }
}
