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
import io.ginpreflight.signal.GzipProfile;
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
 * keep the heap and goroutine profiles so a person can diff them with {@code go tool pprof -base}.
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

  ProbeReading take(int index, String label) {
    return take(index, label, true);
  }

  /**
   * @param keepProfiles whether to save the heap and goroutine profiles; a probe no verdict diffs, such as
   *     the idle one that measures noise, saves the time
   */
  ProbeReading take(int index, String label, boolean keepProfiles) {
    Instant start = Instant.now();
    Optional<String> deadBefore = local.flatMap(LocalSignals::death);
    if (deadBefore.isPresent()) {
      Snapshot empty = new Snapshot(start, Map.of());
      return new ProbeReading(index, label, start, Duration.ZERO, false, "", empty, empty, Map.of(), deadBefore);
    }
    Settling settling = settle();
    Snapshot beforeGc = signals.read();
    Map<ProfileKind, String> profiles = new LinkedHashMap<>();
    Map<Signal, Measurement> fromPprof = forceGcAndReadHeap(index, profiles, keepProfiles);
    // Before the dumps: the leak profile's GC marks what it proved, and debug=2 then says "(leaked)".
    Optional<Measurement> leaked = readLeakedGoroutines(index, profiles, keepProfiles);
    if (keepProfiles) {
      saveGoroutineDumps(index, profiles);
      saveLocalListings(index, profiles);
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
    return new ProbeReading(index, label, start, Duration.between(start, Instant.now()), settling.settled,
        settling.note, beforeGc, new Snapshot(afterRead.at(), after), profiles, local.flatMap(LocalSignals::death));
  }

  private record Settling(boolean settled, String note) {}

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

  private Map<Signal, Measurement> forceGcAndReadHeap(int index, Map<ProfileKind, String> profiles,
      boolean keepProfiles) {
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
      if (keepProfiles) {
        profiles.put(ProfileKind.HEAP_TEXT, save("heap-" + index + ".txt", text.getBytes(StandardCharsets.UTF_8)));
        saveProfile(endpoints.pprofUrl().get() + "/heap", "heap-" + index + ".pb.gz", ProfileKind.HEAP, profiles);
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
  private Optional<Measurement> readLeakedGoroutines(int index, Map<ProfileKind, String> profiles,
      boolean keepProfiles) {
    Optional<GoroutineLeakProfile.Reading> reading = leakProfile.read();
    reading.filter(r -> keepProfiles && r.leaked().isMeasured()).ifPresent(r -> profiles.put(
        ProfileKind.GOROUTINE_LEAK, save("goroutineleak-" + index + ".txt", r.text().getBytes(StandardCharsets.UTF_8))));
    return reading.map(GoroutineLeakProfile.Reading::leaked);
  }

  /** What the descriptors and temp files are, so a KO names its largest group; kept beside the profiles. */
  private void saveLocalListings(int index, Map<ProfileKind, String> profiles) {
    local.flatMap(LocalSignals::descriptorListing).ifPresent(listing -> profiles.put(ProfileKind.DESCRIPTORS,
        save("descriptors-" + index + ".txt", listing.getBytes(StandardCharsets.UTF_8))));
    local.flatMap(LocalSignals::tempFileListing).ifPresent(listing -> profiles.put(ProfileKind.TEMP_FILES,
        save("temp-files-" + index + ".txt", listing.getBytes(StandardCharsets.UTF_8))));
  }

  private void saveGoroutineDumps(int index, Map<ProfileKind, String> profiles) {
    if (endpoints.pprofUrl().isEmpty()) {
      return;
    }
    String root = endpoints.pprofUrl().get();
    saveProfile(root + "/goroutine?debug=1", "goroutines-" + index + ".txt", ProfileKind.GOROUTINE, profiles);
    saveProfile(root + "/goroutine?debug=2", "goroutines-" + index + "-full.txt", ProfileKind.GOROUTINE_FULL, profiles);
  }

  /** A profile that cannot be saved costs its diff, not the check: the probe goes on. */
  private void saveProfile(String url, String file, ProfileKind kind, Map<ProfileKind, String> profiles) {
    try {
      byte[] body = client.getBytes(url);
      // go tool pprof needs the gzipped proto; an HTML error page saved under .pb.gz would only confuse.
      profiles.put(kind, save(file, file.endsWith(".pb.gz") ? GzipProfile.requireGzip(body, kind + " profile") : body));
    } catch (SignalUnavailable e) {
      // No entry for this kind: the report shows no link rather than a broken one.
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
