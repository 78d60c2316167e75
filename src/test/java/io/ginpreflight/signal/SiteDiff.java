package io.ginpreflight.signal;

import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.Unit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sites that grew between two profiles taken around a phase, largest growth first. Sites that
 * shrank or stayed put are left out: the report is about what the phase left behind.
 */
public final class SiteDiff {

  /**
   * Largest growth first; on a tie, a site in the target's own code (or named by its pprof labels)
   * before library code: an upstream connection leaks three goroutines at once, and the one that says
   * which handler left it is the one worth printing.
   */
  private static final Comparator<SiteGrowth> LARGEST_GROWTH_FIRST =
      Comparator.comparingLong(SiteGrowth::growth).reversed()
          .thenComparing(site -> SiteRule.namesTheTarget(site.function()) ? 0 : 1)
          .thenComparing(SiteGrowth::function)
          .thenComparing(SiteGrowth::location);

  private SiteDiff() {}

  /** In-use heap bytes by allocation site, scaled as pprof scales them. */
  public static List<SiteGrowth> heap(HeapProfileText before, HeapProfileText after, int limit) {
    return growing(before.inuseBytesBySite(), after.inuseBytesBySite(), Unit.BYTES, limit);
  }

  /** Goroutines by site. Compare dumps of the same debug level: their sites are chosen alike. */
  public static List<SiteGrowth> goroutines(GoroutineDump before, GoroutineDump after, int limit) {
    return growing(before.countBySite(), after.countBySite(), Unit.COUNT, limit);
  }

  static List<SiteGrowth> growing(Map<Site, Long> before, Map<Site, Long> after, Unit unit, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    Map<Site, Long> was = new HashMap<>(before);
    return after.entrySet().stream()
        .map(entry -> new SiteGrowth(entry.getKey().function(), entry.getKey().location(),
            was.getOrDefault(entry.getKey(), 0L), entry.getValue(), unit))
        .filter(site -> site.growth() > 0)
        .sorted(LARGEST_GROWTH_FIRST)
        .limit(limit)
        .toList();
  }
}
