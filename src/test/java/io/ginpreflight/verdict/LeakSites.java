package io.ginpreflight.verdict;

import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.DescriptorGroup;
import io.ginpreflight.model.GoroutineGroup;
import io.ginpreflight.model.TempFileGroup;
import io.ginpreflight.procfs.DescriptorGroups;
import io.ginpreflight.procfs.TempFileGroups;
import io.ginpreflight.signal.GoroutineDump;
import io.ginpreflight.signal.GoroutineGroups;
import io.ginpreflight.signal.HeapProfileText;
import io.ginpreflight.signal.HeapSites;
import io.ginpreflight.signal.HeapTopGrowth;
import io.ginpreflight.signal.SiteContext;
import io.ginpreflight.signal.SignalUnavailable;
import io.ginpreflight.signal.SiteDiff;
import io.ginpreflight.signal.TopGrowth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Where a phase's growth is: the heap profiles (debug=1 text) and goroutine dumps the probes saved before
 * and after it, diffed by the first frame in the target's own code (its main module, from the build info).
 */
public final class LeakSites {

  public static final int TOP = 5;

  private final Path runDir;
  private final SiteContext context;

  /** Without the target's build info: own code is guessed from package paths. */
  public LeakSites(Path runDir) {
    this(runDir, SiteContext.unknown());
  }

  public LeakSites(Path runDir, SiteContext context) {
    this.runDir = runDir;
    this.context = context;
  }

  /**
   * The growing heap allocation sites, ranked by the service's own code, largest first; empty when a
   * profile is missing or unreadable.
   */
  public List<SiteGrowth> heap(ProbeReading before, ProbeReading after) {
    return diff(before, after, ProfileKind.HEAP_TEXT, HeapProfileText::parse,
        (b, a) -> HeapSites.growing(b, a, context, TOP));
  }

  /** The goroutine stacks whose count grew, largest first. */
  public List<SiteGrowth> goroutines(ProbeReading before, ProbeReading after) {
    return diff(before, after, ProfileKind.GOROUTINE, GoroutineDump::parse, (b, a) -> SiteDiff.goroutines(b, a, TOP));
  }

  /** The stacks of the goroutines the runtime proved leaked, by how many more there were. */
  public List<SiteGrowth> leakedGoroutines(ProbeReading before, ProbeReading after) {
    return diff(before, after, ProfileKind.GOROUTINE_LEAK, GoroutineDump::parse,
        (b, a) -> SiteDiff.goroutines(b, a, TOP));
  }

  /**
   * The grown goroutines by stack site, state and creator, from the debug=2 dumps; {@code labelled} are the
   * debug=1 sites, whose pprof labels name the handler behind a stack of library code only.
   */
  public List<GoroutineGroup> goroutineGroups(ProbeReading before, ProbeReading after, List<SiteGrowth> labelled) {
    return diff(before, after, ProfileKind.GOROUTINE_FULL, GoroutineDump::parse,
        (b, a) -> GoroutineGroups.grown(b, a, labelled, TOP));
  }

  /** The grown descriptors by kind and peer, from the listings the probes saved (local targets only). */
  public List<DescriptorGroup> descriptors(ProbeReading before, ProbeReading after) {
    return diff(before, after, ProfileKind.DESCRIPTORS, text -> text, (b, a) -> DescriptorGroups.grown(b, a, TOP));
  }

  /** The grown temp files by pattern and size, from the listings the probes saved (local targets only). */
  public List<TempFileGroup> tempFiles(ProbeReading before, ProbeReading after) {
    return diff(before, after, ProfileKind.TEMP_FILES, text -> text,
        (b, a) -> TempFileGroups.grown(b, a, TempFileGroups.dirName(a), TOP));
  }

  private interface Parser<T> {
    T parse(String text) throws SignalUnavailable;
  }

  /** A missing or unreadable profile costs the "where", never the verdict: no sites then. */
  private <T, G> List<G> diff(ProbeReading before, ProbeReading after, ProfileKind kind, Parser<T> parser,
      BiFunction<T, T, List<G>> sites) {
    Optional<String> b = text(before, kind);
    Optional<String> a = text(after, kind);
    if (b.isEmpty() || a.isEmpty()) {
      return List.of();
    }
    try {
      return sites.apply(parser.parse(b.get()), parser.parse(a.get()));
    } catch (SignalUnavailable e) {
      return List.of();
    }
  }

  public static String clause(List<SiteGrowth> sites) {
    boolean heap = !sites.isEmpty() && sites.get(0).heap() != null;
    return (heap ? HeapTopGrowth.clause(sites) : TopGrowth.clause(sites)).orElse("");
  }

  private Optional<String> text(ProbeReading reading, ProfileKind kind) {
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
