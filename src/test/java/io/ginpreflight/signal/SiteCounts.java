package io.ginpreflight.signal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ordering for per-site totals, so listings and ties read the same on every run. */
final class SiteCounts {

  private SiteCounts() {}

  static final Comparator<Map.Entry<Site, Long>> LARGEST_FIRST =
      Map.Entry.<Site, Long>comparingByValue().reversed()
          .thenComparing(entry -> entry.getKey().function())
          .thenComparing(entry -> entry.getKey().location());

  static Map<Site, Long> largestFirst(Map<Site, Long> counts) {
    Map<Site, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(LARGEST_FIRST)
        .forEachOrdered(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return java.util.Collections.unmodifiableMap(sorted);
  }
}
