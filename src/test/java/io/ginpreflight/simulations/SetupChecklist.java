package io.ginpreflight.simulations;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Source;
import io.ginpreflight.watch.Capabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The setup check's answer: for every signal the checks read, whether the idle probe read it, and for every
 * endpoint family, whether its one journey was answered as configured; what is missing with the line of Go or
 * configuration that fixes it. Each line starts with its state, so the list reads top to bottom:
 * {@code ok}, {@code MISSING} (a check cannot run, or a journey failed), {@code optional} (only adds to
 * the reports), {@code skipped} (a family with no endpoint of yours).
 */
final class SetupChecklist {

  private static final String OK = "ok       ";
  private static final String MISSING = "MISSING  ";
  private static final String OPTIONAL = "optional ";
  private static final String SKIPPED = "skipped  ";
  private static final String PPROF_FIX = "serve net/http/pprof on a loopback port (import _ \"net/http/pprof\"; "
      + "go http.ListenAndServe(\"127.0.0.1:6060\", nil)) and set preflight.pprof.url";

  private SetupChecklist() {}

  /**
   * @param idle every signal as read before any load; empty when the run never watched
   * @param journeys each family sent, and whether its journey got every answer it expects
   * @param skipped the families' lines for what they do not send
   */
  static List<String> lines(Capabilities capabilities, Optional<ProbeReading> idle, Map<String, Boolean> journeys,
      List<String> skipped) {
    List<String> lines = new ArrayList<>();
    Map<Source, Availability> sources = capabilities.sources();
    lines.add(signal(idle, Signal.POST_GC_HEAP_BYTES, "heap (post-GC)", PPROF_FIX));
    lines.add(signal(idle, Signal.GOROUTINES, "goroutines", PPROF_FIX));
    lines.add(offered(sources, Source.GOROUTINE_LEAK, "goroutineleak profile (leaked goroutines, proved)", MISSING));
    lines.add(signal(idle, Signal.OPEN_FDS, "open descriptors", detail(sources, Source.PROCFS)));
    lines.add(signal(idle, Signal.TEMP_FILES, "temp files", detail(sources, Source.TEMP_DIR)));
    lines.add(offered(sources, Source.METRICS, "/metrics (the continuous charts)", OPTIONAL));
    journeys.forEach((phase, answered) -> {
      String family = phase.replace(' ', '-');
      lines.add(answered ? OK + "family \"" + family + "\": its journey got every answer it expects"
          : MISSING + "family \"" + family + "\": a request did not get the answer it expects (Gatling's Errors below "
              + "say which): fix the endpoint's status under preflight.families." + family + ", or the service");
    });
    skipped.forEach(line -> lines.add(SKIPPED + line.replaceFirst(" skipped: ", ": ")));
    if (journeys.isEmpty()) {
      lines.add(MISSING + "no endpoint family: set the endpoints of one under preflight.families, or "
          + "preflight.openapi = your swagger.json (docs/targeting-your-service.md)");
    }
    long missing = lines.stream().filter(line -> line.startsWith(MISSING)).count();
    lines.add(0, "setup check: " + (missing == 0 ? "every check can run and every endpoint answered as expected"
        : missing + (missing == 1 ? " thing" : " things") + " to fix (MISSING below)"));
    return lines;
  }

  private static String signal(Optional<ProbeReading> idle, Signal signal, String name, String fix) {
    if (idle.isEmpty()) {
      return MISSING + name + ": not read (the run did not watch)";
    }
    Measurement reading = idle.get().get(signal);
    if (reading.isMeasured()) {
      String source = reading.source().isEmpty() ? "" : " (" + reading.source() + ")";
      return OK + name + ": " + signal.unit().format(reading.value()) + source;
    }
    return MISSING + name + ": " + reading.failure() + (fix.isEmpty() ? "" : "; fix: " + fix);
  }

  private static String offered(Map<Source, Availability> sources, Source source, String name, String state) {
    Availability availability = sources.getOrDefault(source, Availability.no("not asked"));
    return availability.offered() ? OK + name : state + name + ": " + availability.detail();
  }

  private static String detail(Map<Source, Availability> sources, Source source) {
    Availability availability = sources.get(source);
    return availability == null || availability.offered() ? "" : availability.detail();
  }
}
