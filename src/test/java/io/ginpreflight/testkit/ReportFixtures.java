package io.ginpreflight.testkit;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Figures;
import io.ginpreflight.model.Interval;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.model.RunIdentity;
import io.ginpreflight.model.Sample;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.Source;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.Unit;
import io.ginpreflight.report.MemoryReport;
import io.ginpreflight.report.NoiseRecord;
import io.ginpreflight.report.PhaseRecord;
import io.ginpreflight.report.ProbeRecord;
import io.ginpreflight.report.RunVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A run as the watch reports it: a warm-up and a judged "uploads steady" phase, the heap check KO with its
 * top sites, the goroutine check inconclusive because the metrics endpoint died, a KO leak rate, and
 * samples every second. Values follow a gin-lab run with the temp-file-kept leak switched on.
 */
public final class ReportFixtures {

  public static final Instant START = Instant.parse("2026-11-28T02:00:00Z");
  public static final String HEAP_MESSAGE = "heap +48.2 MiB in phase \"uploads steady\"; top growth: main.saveUpload "
      + "(upload.go:41) 47.9 MiB; post-GC HeapAlloc before 12.1 MiB, after 60.3 MiB; limit 4.0 MiB";
  public static final String RATE_MESSAGE = "heap retained 5.4 KiB per request in phase \"uploads steady\"; 95 % "
      + "interval 5.4 to 5.5 KiB, 3 probes over 6,000 requests; limit 32 B per request";
  public static final String GOROUTINE_MESSAGE = "goroutines could not be measured after phase \"uploads steady\": "
      + "GET http://127.0.0.1:8080/metrics failed: connection refused <target died?>";

  private ReportFixtures() {}

  public static MemoryReport report(String simulation, Instant start) {
    Instant warmEnd = start.plusSeconds(30);
    Instant steadyStart = warmEnd.plusSeconds(5);
    Instant end = steadyStart.plusSeconds(90);
    List<PhaseRecord> phases = List.of(
        new PhaseRecord("warm up", false, 1, 1, start.plusSeconds(2), warmEnd, 1500, 1, 2, List.of(), ""),
        new PhaseRecord("uploads steady", true, 3, 3, steadyStart, end, 9000, 2, 3, List.of(), ""));
    List<ProbeRecord> probes = List.of(
        probe(1, "before \"warm up\"", start, 11_800_000L, 12),
        probe(2, "after \"warm up\", before \"uploads steady\"", warmEnd.plusSeconds(1), 12_700_000L, 14),
        probe(3, "after \"uploads steady\"", end.plusSeconds(1), 63_200_000L, 14));
    List<CheckResult> checks = List.of(
        new CheckResult(CheckKind.HEAP_GROWTH, "uploads steady", Status.KO,
            Figures.growth(OptionalLong.of(12_700_000L), OptionalLong.of(63_200_000L), 4L << 20), null, HEAP_MESSAGE,
            LeakDetail.ofSites(List.of(
                new SiteGrowth("main.saveUpload", "upload.go:41", 120_000L, 50_340_000L, Unit.BYTES),
                new SiteGrowth("bytes.growSlice", "buffer.go:151", 40_000L, 180_000L, Unit.BYTES))), List.of()),
        CheckResult.of(CheckKind.GOROUTINE_GROWTH, "uploads steady", Status.INCONCLUSIVE,
            Figures.growth(OptionalLong.of(14L), OptionalLong.empty(), 20), GOROUTINE_MESSAGE),
        new CheckResult(CheckKind.RETAINED_BYTES_PER_REQUEST, "uploads steady", Status.KO,
            Figures.rate(5_580.4, 32, 3, 6_000, 8_192, false), new Interval(5_480.2, 5_680.6), RATE_MESSAGE,
            LeakDetail.NONE, List.of()),
        CheckResult.of(CheckKind.GOROUTINES_PER_1000_REQUESTS, "uploads steady", Status.OK,
            Figures.rate(0.0, 0.5, 3, 6_000, 1, false), "goroutines grew 0.00 per 1,000 requests in phase "
            + "\"uploads steady\"; 95 % interval -0.45 to 0.45, 3 probes over 6,000 requests; limit 0.50 per "
            + "1,000 requests"));
    Map<Source, Availability> signals = new LinkedHashMap<>();
    signals.put(Source.METRICS, Availability.YES);
    signals.put(Source.PPROF, Availability.YES);
    signals.put(Source.PROCFS, Availability.no("the target runs in another process namespace"));
    return new MemoryReport(MemoryReport.SCHEMA_VERSION, simulation, simulation.toLowerCase() + "-20261128020000",
        start, end.plusSeconds(3), "embedded gin-lab http://127.0.0.1:41234", signals, RunVerdict.FAIL,
        List.of("the target exited with code 2 during phase \"uploads steady\""), phases, probes, checks,
        "samples.jsonl", new NoiseRecord(2_048L, 0L, 1_500, 8_192, 1), null, List.of(), null,
        MemoryReport.FAILING_BY_DEFAULT);
  }

  /** The same report with these checks added after its own, and this identity. */
  public static MemoryReport with(MemoryReport r, List<CheckResult> more, RunIdentity identity) {
    List<CheckResult> checks = new ArrayList<>(r.checks());
    checks.addAll(more);
    return new MemoryReport(r.schemaVersion(), r.simulation(), r.runId(), r.startedAt(), r.endedAt(), r.target(),
        r.signals(), r.verdict(), r.failures(), r.phases(), r.probes(), checks, r.samplesFile(), r.noise(),
        r.build(), r.knownLeaks(), identity, r.failing());
  }

  /** The same report with these run-level failures. */
  public static MemoryReport withFailures(MemoryReport r, List<String> failures) {
    return new MemoryReport(r.schemaVersion(), r.simulation(), r.runId(), r.startedAt(), r.endedAt(), r.target(),
        r.signals(), r.verdict(), failures, r.phases(), r.probes(), r.checks(), r.samplesFile(), r.noise(),
        r.build(), r.knownLeaks(), r.identity(), r.failing());
  }

  private static ProbeRecord probe(int index, String label, Instant at, long heap, long goroutines) {
    Map<Signal, Long> afterGc = Map.of(Signal.POST_GC_HEAP_BYTES, heap, Signal.GOROUTINES, goroutines);
    return new ProbeRecord(index, label, at, 840, true, "", afterGc, afterGc, Map.of(),
        Map.of(ProfileKind.HEAP, "profiles/probe-" + index + "-heap.pb.gz",
            ProfileKind.GOROUTINE, "profiles/probe-" + index + "-goroutine.pb.gz"));
  }

  /** One sample per second over the run; the heap climbs during the judged phase. */
  public static List<Sample> samples(MemoryReport report) {
    List<Sample> samples = new ArrayList<>();
    long seconds = Duration.between(report.startedAt(), report.endedAt()).toSeconds();
    for (long s = 0; s <= seconds; s++) {
      boolean steady = s >= 35;
      long heap = 12_000_000L + (steady ? (s - 35) * 560_000L : s * 20_000L);
      samples.add(new Sample(report.startedAt().plusSeconds(s), steady ? "uploads steady" : "warm up", heap,
          heap + 2_000_000L + (s % 7) * 300_000L, heap + 4_000_000L, heap / 64, 12 + (s % 5), 9L,
          heap + 30_000_000L, 14 + (steady ? (s - 35) / 10 : 0), s / 3, steady ? (s - 35) * 3 : 0L,
          steady ? (s - 35) * 150_000L : 0L));
    }
    return samples;
  }
}
