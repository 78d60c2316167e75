package io.ginpreflight.watch;

import static io.ginpreflight.model.Signal.GOROUTINES;
import static io.ginpreflight.model.Signal.HEAP_OBJECTS;
import static io.ginpreflight.model.Signal.LEAKED_GOROUTINES;
import static io.ginpreflight.model.Signal.POST_GC_HEAP_BYTES;

import io.ginpreflight.config.ProbeSettings;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Snapshot;
import io.ginpreflight.signal.GoroutineDump;
import io.ginpreflight.signal.GzipProfile;
import io.ginpreflight.signal.HeapProfileText;
import io.ginpreflight.signal.MemStatsBlock;
import io.ginpreflight.signal.SignalClient;
import io.ginpreflight.signal.SignalUnavailable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One probe at a phase boundary: wait until goroutines stop changing, read every signal, force GC (twice:
 * sync.Pool's victim cache survives one), read again with the post-GC heap from the MemStats block, and
 * keep the heap and goroutine profiles, parsed for the judge and saved so a person can diff them with
 * {@code go tool pprof -base}.
 */
final class PhaseProbe {

  static final String HEAP_SOURCE = "post-GC HeapAlloc";

  private final SignalClient client;
  private final SignalEndpoints endpoints;
  private final TargetSignals signals;
  private final GoroutineLeakProfile leakProfile;
  private final Optional<LocalSignals> local;
  private final ProbeSettings settings;
  private final Path runDir;

  PhaseProbe(SignalClient client, SignalEndpoints endpoints, TargetSignals signals,
      GoroutineLeakProfile leakProfile, Optional<LocalSignals> local, ProbeSettings settings, Path runDir) {
    this.leakProfile = leakProfile;
    this.client = client;
    this.endpoints = endpoints;
    this.signals = signals;
    this.local = local;
    this.settings = settings;
    this.runDir = runDir;
  }

  /**
   * @param keepProfiles whether to keep the heap and goroutine profiles; a probe no verdict diffs, such as
   *     the idle one that measures noise, saves the time
   */
  Probe take(int index, String label, boolean keepProfiles) {
    Instant start = Instant.now();
    Optional<String> deadBefore = local.flatMap(LocalSignals::death);
    if (deadBefore.isPresent()) {
      Snapshot empty = new Snapshot(start, Map.of());
      return new Probe(new ProbeReading(index, label, start, Duration.ZERO, false, "", empty, empty, Map.of(),
          deadBefore), ProbeProfiles.NONE);
    }
    Settling settling = settle();
    Snapshot beforeGc = signals.read();
    Kept kept = new Kept(index, keepProfiles);
    Map<Signal, Measurement> fromPprof = forceGcAndReadHeap(kept);
    // Before the dumps: the leak profile's GC marks what it proved, and debug=2 then says "(leaked)".
    Optional<Measurement> leaked = readLeakedGoroutines(kept);
    if (keepProfiles) {
      keepGoroutineDumps(kept);
      keepLocalListings(kept);
    }
    Snapshot afterRead = signals.read();
    Map<Signal, Measurement> after = new HashMap<>(afterRead.signals());
    after.putAll(fromPprof);
    leaked.ifPresent(m -> after.put(LEAKED_GOROUTINES, m));
    if (!settling.settled) {
      Measurement goroutines = after.get(GOROUTINES);
      if (goroutines != null) {
        after.put(GOROUTINES, goroutines.withNote(settling.note));
      }
    }
    ProbeReading reading = new ProbeReading(index, label, start, Duration.between(start, Instant.now()),
        settling.settled, settling.note, beforeGc, new Snapshot(afterRead.at(), after), kept.files,
        local.flatMap(LocalSignals::death));
    return new Probe(reading, kept.profiles());
  }

  private record Settling(boolean settled, String note) {}

  /** What a probe keeps: the files it saved, by kind, and what it parsed of them. */
  private static final class Kept {
    final int index;
    final boolean keep;
    final Map<ProfileKind, String> files = new LinkedHashMap<>();
    Optional<HeapProfileText> heap = Optional.empty();
    Optional<GoroutineDump> goroutines = Optional.empty();
    Optional<GoroutineDump> goroutineStacks = Optional.empty();
    Optional<GoroutineDump> leaked = Optional.empty();
    Optional<String> descriptors = Optional.empty();
    Optional<String> tempFiles = Optional.empty();

    Kept(int index, boolean keep) {
      this.index = index;
      this.keep = keep;
    }

    ProbeProfiles profiles() {
      return keep ? new ProbeProfiles(heap, goroutines, goroutineStacks, leaked, descriptors, tempFiles)
          : ProbeProfiles.NONE;
    }
  }

  /** Goroutines still finishing a phase's requests are not leaks: wait for K equal counts in a row. */
  private Settling settle() {
    long deadline = System.nanoTime() + settings.settleTimeout().toNanos();
    long last = Long.MIN_VALUE;
    int equalInARow = 0;
    while (true) {
      Measurement current = signals.goroutines();
      if (!current.isMeasured()) {
        return new Settling(false, "goroutines could not be read to settle: " + current.failure());
      }
      equalInARow = current.value() == last ? equalInARow + 1 : 1;
      last = current.value();
      if (equalInARow >= settings.stableSamples()) {
        return new Settling(true, "");
      }
      if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
        return new Settling(false, "goroutines had not settled after " + settings.settleTimeout().toSeconds() + " s");
      }
      sleep(settings.settleInterval());
    }
  }

  private Map<Signal, Measurement> forceGcAndReadHeap(Kept kept) {
    if (endpoints.pprofUrl().isEmpty()) {
      return Map.of();  // The snapshot's estimate stands, marked as such.
    }
    String url = endpoints.pprofUrl().get() + "/heap?gc=1&debug=1";
    try {
      String text = "";
      // Each request runs runtime.GC() before writing; the last one's MemStats is post-GC.
      for (int run = 0; run < settings.gcRuns(); run++) {
        text = client.get(url);
      }
      MemStatsBlock memStats = MemStatsBlock.parse(text);
      if (kept.keep) {
        kept.heap = parsed(text, HeapProfileText::parse);
        kept.files.put(ProfileKind.HEAP_TEXT,
            save("heap-" + kept.index + ".txt", text.getBytes(StandardCharsets.UTF_8)));
        saveProfile(endpoints.pprofUrl().get() + "/heap", "heap-" + kept.index + ".pb.gz", ProfileKind.HEAP, kept);
      }
      return Map.of(
          POST_GC_HEAP_BYTES, Measurement.of(memStats.require("HeapAlloc")).withSource(HEAP_SOURCE),
          HEAP_OBJECTS, Measurement.of(memStats.require("HeapObjects")));
    } catch (SignalUnavailable e) {
      Measurement failed = Measurement.failed(e.getMessage());
      return Map.of(POST_GC_HEAP_BYTES, failed);
    }
  }

  /** After settling and the forced GCs, so a goroutine still finishing its request is not in the count. */
  private Optional<Measurement> readLeakedGoroutines(Kept kept) {
    Optional<GoroutineLeakProfile.Reading> reading = leakProfile.read();
    reading.filter(r -> kept.keep && r.leaked().isMeasured()).ifPresent(r -> {
      kept.leaked = r.dump();
      kept.files.put(ProfileKind.GOROUTINE_LEAK,
          save("goroutineleak-" + kept.index + ".txt", r.text().getBytes(StandardCharsets.UTF_8)));
    });
    return reading.map(GoroutineLeakProfile.Reading::leaked);
  }

  /** What the descriptors and temp files are, so a KO names its largest group; kept beside the profiles. */
  private void keepLocalListings(Kept kept) {
    kept.descriptors = local.flatMap(LocalSignals::descriptorListing);
    kept.descriptors.ifPresent(listing -> kept.files.put(ProfileKind.DESCRIPTORS,
        save("descriptors-" + kept.index + ".txt", listing.getBytes(StandardCharsets.UTF_8))));
    kept.tempFiles = local.flatMap(LocalSignals::tempFileListing);
    kept.tempFiles.ifPresent(listing -> kept.files.put(ProfileKind.TEMP_FILES,
        save("temp-files-" + kept.index + ".txt", listing.getBytes(StandardCharsets.UTF_8))));
  }

  private void keepGoroutineDumps(Kept kept) {
    if (endpoints.pprofUrl().isEmpty()) {
      return;
    }
    String root = endpoints.pprofUrl().get();
    kept.goroutines = saveDump(root + "/goroutine?debug=1", "goroutines-" + kept.index + ".txt",
        ProfileKind.GOROUTINE, kept);
    kept.goroutineStacks = saveDump(root + "/goroutine?debug=2", "goroutines-" + kept.index + "-full.txt",
        ProfileKind.GOROUTINE_FULL, kept);
  }

  private Optional<GoroutineDump> saveDump(String url, String file, ProfileKind kind, Kept kept) {
    return saveProfile(url, file, kind, kept)
        .flatMap(body -> parsed(new String(body, StandardCharsets.UTF_8), GoroutineDump::parse));
  }

  /** A profile that cannot be saved costs its diff, not the check: the probe goes on. */
  private Optional<byte[]> saveProfile(String url, String file, ProfileKind kind, Kept kept) {
    try {
      byte[] body = client.getBytes(url);
      // go tool pprof needs the gzipped proto; an HTML error page saved under .pb.gz would only confuse.
      byte[] checked = file.endsWith(".pb.gz") ? GzipProfile.requireGzip(body, kind + " profile") : body;
      kept.files.put(kind, save(file, checked));
      return Optional.of(checked);
    } catch (SignalUnavailable e) {
      // No entry for this kind: the report shows no link rather than a broken one.
      return Optional.empty();
    }
  }

  private interface Parser<T> {
    T parse(String text) throws SignalUnavailable;
  }

  /** A profile that does not parse is kept on disk for a person, and gives the judge no sites. */
  private static <T> Optional<T> parsed(String text, Parser<T> parser) {
    try {
      return Optional.of(parser.parse(text));
    } catch (SignalUnavailable e) {
      return Optional.empty();
    }
  }

  private String save(String file, byte[] content) {
    Path path = runDir.resolve("profiles").resolve(file);
    try {
      Files.createDirectories(path.getParent());
      Files.write(path, content);
    } catch (IOException e) {
      return "(not saved: " + e.getMessage() + ")";
    }
    return runDir.relativize(path).toString();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
