package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.DescriptorGroup;
import io.ginpreflight.model.GoroutineGroup;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.TempFileGroup;
import io.ginpreflight.procfs.DescriptorGroups;
import io.ginpreflight.procfs.TempFileGroups;
import io.ginpreflight.signal.GoroutineDump;
import io.ginpreflight.signal.GoroutineGroups;
import io.ginpreflight.signal.HeapSites;
import io.ginpreflight.signal.HeapTopGrowth;
import io.ginpreflight.signal.SiteContext;
import io.ginpreflight.signal.SiteDiff;
import io.ginpreflight.signal.TopGrowth;
import io.ginpreflight.watch.ProbeProfiles;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Where a phase's growth is: the profiles two probes kept around it, diffed by the first frame in the
 * target's own code (its main module, from the build info), and the goroutines, descriptors and temp files
 * that grew, grouped. A profile a probe did not keep costs the "where", never the verdict.
 */
public final class LeakSites {

  public static final int TOP = 5;

  private final SiteContext context;

  /** @param context the target's build (its own module) and the known-leak notes of its modules */
  public LeakSites(SiteContext context) {
    this.context = context;
  }

  /** Where a check of this kind grew between two probes; {@link Where#NONE} for a kind without sites. */
  public Where of(CheckKind kind, ProbeProfiles before, ProbeProfiles after) {
    return switch (kind) {
      case HEAP_GROWTH, RETAINED_BYTES_PER_REQUEST, RETAINED_BYTES_PER_VIRTUAL_USER -> heap(before, after);
      case GOROUTINE_GROWTH, GOROUTINES_PER_1000_REQUESTS -> goroutines(before, after, false);
      case LEAKED_GOROUTINES -> goroutines(before, after, true);
      case FD_GROWTH -> groups(LeakDetail.ofDescriptors(descriptors(before, after)));
      case TEMP_FILE_GROWTH -> groups(LeakDetail.ofTempFiles(tempFiles(before, after)));
      default -> Where.NONE;
    };
  }

  /** The profiles of the two probes a window is judged between. */
  public record Span(ProbeProfiles before, ProbeProfiles after) {}

  /**
   * Where several windows grew together, each diffed between its own two probes: the same sites added up,
   * largest first (the whole run's rates).
   */
  public Where across(CheckKind kind, List<Span> windows) {
    List<SiteGrowth> all = windows.stream().flatMap(w -> (kind.isBytes() ? heapSites(w.before(), w.after())
        : goroutineSites(w.before(), w.after(), ProbeProfiles::goroutines)).stream()).toList();
    return sites(SiteGrowth.merged(all, TOP));
  }

  /** The growing heap allocation sites, ranked by the service's own code, largest first. */
  private Where heap(ProbeProfiles before, ProbeProfiles after) {
    return sites(heapSites(before, after));
  }

  private List<SiteGrowth> heapSites(ProbeProfiles before, ProbeProfiles after) {
    return diff(before.heap(), after.heap(), (b, a) -> HeapSites.growing(b, a, context, TOP));
  }

  /**
   * The goroutine stacks that grew (from debug=1, or the leak profile), and the grown goroutines by stack
   * site, state and creator (from debug=2); the sites' pprof labels name the handler behind a stack of
   * library code only. For the runtime's proof, only the groups it proved leaked.
   */
  private Where goroutines(ProbeProfiles before, ProbeProfiles after, boolean provedLeaked) {
    List<SiteGrowth> grown = goroutineSites(before, after,
        provedLeaked ? ProbeProfiles::leakedGoroutines : ProbeProfiles::goroutines);
    List<GoroutineGroup> groups = diff(before.goroutineStacks(), after.goroutineStacks(),
        (b, a) -> GoroutineGroups.grown(b, a, grown, TOP));
    if (provedLeaked) {
      groups = groups.stream().filter(GoroutineGroup::provedLeaked).toList();
    }
    LeakDetail detail = LeakDetail.ofGoroutines(grown, groups);
    return groups.isEmpty() ? sites(grown) : groups(detail);
  }

  private static List<SiteGrowth> goroutineSites(ProbeProfiles before, ProbeProfiles after,
      Function<ProbeProfiles, Optional<GoroutineDump>> dump) {
    return diff(dump.apply(before), dump.apply(after), (b, a) -> SiteDiff.goroutines(b, a, TOP));
  }

  /** The grown descriptors by kind and peer, from the listings the probes kept (local targets only). */
  private static List<DescriptorGroup> descriptors(ProbeProfiles before, ProbeProfiles after) {
    return diff(before.descriptors(), after.descriptors(), (b, a) -> DescriptorGroups.grown(b, a, TOP));
  }

  /** The grown temp files by pattern and size, from the listings the probes kept (local targets only). */
  private static List<TempFileGroup> tempFiles(ProbeProfiles before, ProbeProfiles after) {
    return diff(before.tempFiles(), after.tempFiles(),
        (b, a) -> TempFileGroups.grown(b, a, TempFileGroups.dirName(a), TOP));
  }

  private static <T, G> List<G> diff(Optional<T> before, Optional<T> after, BiFunction<T, T, List<G>> grown) {
    return before.isPresent() && after.isPresent() ? grown.apply(before.get(), after.get()) : List.of();
  }

  /** The largest group names the place: it says more than a site (state and creator, peer, pattern). */
  private static Where groups(LeakDetail detail) {
    return detail.hasGroups() ? new Where("top growth: " + detail.largestGroup(), detail) : Where.NONE;
  }

  /** The largest site, a heap site only when it grew beyond its sampling uncertainty. */
  static Where sites(List<SiteGrowth> sites) {
    boolean heap = !sites.isEmpty() && sites.get(0).heap() != null;
    Optional<String> clause = heap ? HeapTopGrowth.clause(sites) : TopGrowth.clause(sites);
    return clause.map(text -> new Where(text, LeakDetail.ofSites(sites))).orElse(Where.NONE);
  }
}
