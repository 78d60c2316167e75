package io.ginpreflight.watch;

import io.ginpreflight.report.SiteRecord;
import io.ginpreflight.signal.GoroutineDump;
import io.ginpreflight.signal.HeapProfileText;
import io.ginpreflight.signal.SignalUnavailable;
import io.ginpreflight.signal.TopGrowth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a phase's growth is: the heap profiles (debug=1 text) and goroutine dumps the probes saved before
 * and after it, diffed by the first frame in the target's own code.
 */
public final class LeakSites {

  public static final int TOP = 5;

  private final Path runDir;

  public LeakSites(Path runDir) {
    this.runDir = runDir;
  }

  /** The growing heap allocation sites, largest first; empty when a profile is missing or unreadable. */
  public List<SiteRecord> heap(ProbeReading before, ProbeReading after) {
    try {
      Optional<String> b = text(before, "heap-text");
      Optional<String> a = text(after, "heap-text");
      if (b.isEmpty() || a.isEmpty()) {
        return List.of();
      }
      return io.ginpreflight.signal.SiteDiff.heap(HeapProfileText.parse(b.get()), HeapProfileText.parse(a.get()), TOP);
    } catch (SignalUnavailable e) {
      return List.of();
    }
  }

  /** The goroutine stacks whose count grew, largest first. */
  public List<SiteRecord> goroutines(ProbeReading before, ProbeReading after) {
    try {
      Optional<String> b = text(before, "goroutine");
      Optional<String> a = text(after, "goroutine");
      if (b.isEmpty() || a.isEmpty()) {
        return List.of();
      }
      return io.ginpreflight.signal.SiteDiff.goroutines(GoroutineDump.parse(b.get()), GoroutineDump.parse(a.get()), TOP);
    } catch (SignalUnavailable e) {
      return List.of();
    }
  }

  public static String clause(List<SiteRecord> sites) {
    return TopGrowth.clause(sites).orElse("");
  }

  private Optional<String> text(ProbeReading reading, String kind) {
    String relative = reading.profiles().get(kind);
    if (relative == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(runDir.resolve(relative)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
