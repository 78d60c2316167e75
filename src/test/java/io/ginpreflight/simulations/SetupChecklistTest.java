package io.ginpreflight.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Snapshot;
import io.ginpreflight.model.Source;
import io.ginpreflight.watch.Capabilities;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SetupChecklistTest {

  private static ProbeReading idle(Map<Signal, Measurement> signals) {
    Snapshot snapshot = new Snapshot(Instant.EPOCH, signals);
    return new ProbeReading(-1, "idle, before any load", Instant.EPOCH, Duration.ZERO, true, "", snapshot, snapshot,
        Map.of(), Optional.empty());
  }

  @Test
  void aRemoteTargetWithMetricsAloneIsToldWhatEachMissingCheckNeeds() {
    // GIVEN a remote service with /metrics only: no pprof, so no exact heap and no goroutineleak profile
    Map<Source, Availability> sources = new LinkedHashMap<>();
    sources.put(Source.METRICS, Availability.YES);
    sources.put(Source.PPROF, Availability.no("http://h/debug/pprof/cmdline answered HTTP 404", "serve pprof"));
    sources.put(Source.GOROUTINE_LEAK, Availability.no("no pprof URL"));
    sources.put(Source.PROCFS, Availability.no("the target is not a local process"));
    sources.put(Source.TEMP_DIR, Availability.no("the target is remote: temp files are counted for a started service"));
    Map<Signal, Measurement> signals = Map.of(Signal.POST_GC_HEAP_BYTES, Measurement.of(8 << 20).withSource("estimate"),
        Signal.GOROUTINES, Measurement.of(12), Signal.OPEN_FDS, Measurement.of(9),
        Signal.TEMP_FILES, Measurement.failed("no temp directory"));
    Map<String, Boolean> journeys = new LinkedHashMap<>();
    journeys.put("binding", true);
    journeys.put("long connections", false);

    List<String> lines = SetupChecklist.lines(new Capabilities(sources), Optional.of(idle(signals)), journeys,
        List.of("family \"api\" skipped: preflight.families.api.requests is not set"));

    assertEquals(List.of(
        "setup check: 3 things to fix (MISSING below)",
        "ok       heap (post-GC): 8.0 MiB (estimate)",
        "ok       goroutines: 12",
        "MISSING  goroutineleak profile (leaked goroutines, proved): no pprof URL",
        "ok       open descriptors: 9",
        "MISSING  temp files: no temp directory; fix: the target is remote: temp files are counted for a started service",
        "ok       /metrics (the continuous charts)",
        "ok       family \"binding\": its journey got every answer it expects",
        "MISSING  family \"long-connections\": a request did not get the answer it expects (Gatling's Errors below say "
            + "which): fix the endpoint's status under preflight.families.long-connections, or the service",
        "skipped  family \"api\": preflight.families.api.requests is not set"), lines);
  }

  @Test
  void aConfigurationWithNoFamilyIsOneThingToFix() {
    Map<Signal, Measurement> signals = Map.of(Signal.POST_GC_HEAP_BYTES, Measurement.of(1 << 20),
        Signal.GOROUTINES, Measurement.of(3), Signal.OPEN_FDS, Measurement.of(9), Signal.TEMP_FILES, Measurement.of(0));
    Capabilities all = new Capabilities(Map.of(Source.METRICS, Availability.YES, Source.GOROUTINE_LEAK, Availability.YES));

    List<String> lines = SetupChecklist.lines(all, Optional.of(idle(signals)), Map.of(), List.of());

    assertEquals("setup check: 1 thing to fix (MISSING below)", lines.get(0));
    assertEquals("MISSING  no endpoint family: set the endpoints of one under preflight.families, or "
        + "preflight.openapi = your swagger.json (docs/targeting-your-service.md)", lines.get(lines.size() - 1));
  }
}
