package io.ginpreflight.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A place in the target's code whose retained heap or goroutine count grew during a phase: the first
 * function outside the Go runtime and standard library, and its file:line. {@code heap} carries a heap
 * site's objects, sampling uncertainty, module and allocation stack; null for goroutines.
 */
public record SiteGrowth(String function, String location, long before, long after, Unit unit, HeapDetail heap) {

  public SiteGrowth(String function, String location, long before, long after, Unit unit) {
    this(function, location, before, after, unit, null);
  }

  /** Whether the growth is beyond what the heap profile's sampling alone could show: always for goroutines. */
  public boolean beyondSampling() {
    return heap == null || growth() > heap.uncertaintyBytes();
  }

  public long growth() {
    return after - before;
  }

  /**
   * The same sites of several phases added up (before and after summed), largest growth first: where the
   * whole run grew, each phase counting only its own window.
   */
  public static List<SiteGrowth> merged(List<SiteGrowth> sites, int top) {
    Map<String, SiteGrowth> bySite = new LinkedHashMap<>();
    for (SiteGrowth site : sites) {
      bySite.merge(site.function() + " " + site.location(), site, (a, b) ->
          new SiteGrowth(a.function(), a.location(), a.before() + b.before(), a.after() + b.after(), a.unit(),
              a.heap() == null || b.heap() == null ? a.heap() : a.heap().plus(b.heap())));
    }
    List<SiteGrowth> sorted = new ArrayList<>(bySite.values());
    sorted.sort(Comparator.comparingLong(SiteGrowth::growth).reversed());
    return List.copyOf(sorted.subList(0, Math.min(top, sorted.size())));
  }
}
