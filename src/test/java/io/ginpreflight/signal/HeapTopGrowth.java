package io.ginpreflight.signal;

import io.ginpreflight.model.Bytes;
import io.ginpreflight.model.HeapDetail;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.SiteOrigin;
import java.util.List;
import java.util.Optional;

/**
 * Where a heap KO message says the heap grew: the largest site that grew beyond its sampling uncertainty,
 * in the service's own code when the allocation stack has a frame of it:
 * {@code top growth: main.saveUpload (upload.go:41) 47.9 MiB ±0.9 MiB (heap sampled every 512 KiB)}; else
 * the library site, the service's own code that grew most right after it (the two places to look, early
 * in the message), then what kind of site it is.
 */
public final class HeapTopGrowth {

  /** net/http's per-connection goroutine: an allocation under it was made for one request. */
  private static final String SERVES_REQUESTS = "net/http.(*conn).serve";

  /**
   * One sample per 4 KiB: a site that grew 16 KiB or more clears its uncertainty, at a small cost to the target
   * (the rate the suite gives a service it starts, preflight.target.memprofilerate).
   */
  static final long FINER_RATE = 4 << 10;

  private HeapTopGrowth() {}

  /** Empty when nothing grew; sites are largest first, as {@link HeapSites#growing} lists them. */
  public static Optional<String> clause(List<SiteGrowth> sites) {
    if (sites.isEmpty()) {
      return Optional.empty();
    }
    Optional<SiteGrowth> top = sites.stream().filter(SiteGrowth::beyondSampling).findFirst();
    if (top.isEmpty()) {
      SiteGrowth largest = sites.get(0);
      // Four new samples are the fewest whose estimate clears its own 95 % interval: finer sampling helps.
      String finer = largest.heap().samplingRate() > FINER_RATE ? "; for finer sites run the target with GODEBUG="
          + "memprofilerate=" + FINER_RATE + " (the suite sets it for a service it starts)" : "";
      return Optional.of("no allocation site grew beyond its sampling uncertainty (largest: " + amount(largest)
          + " " + sampling(largest.heap()) + ")" + finer);
    }
    SiteGrowth site = top.get();
    HeapDetail heap = site.heap();
    StringBuilder clause = new StringBuilder("top growth: ").append(amount(site));
    if (heap.origin() == SiteOrigin.OWN_CODE) {
      clause.append(' ').append(sampling(heap));
      if (!heap.allocatedIn().isEmpty()) {
        clause.append(", allocated in ").append(heap.allocatedIn());
      }
    } else {
      // Your code is named beside a library site only when its own growth is beyond its sampling uncertainty:
      // a site within it may be noise, and a wrong pointer costs a team more than none.
      sites.stream().filter(s -> s.heap() != null && s.heap().origin() == SiteOrigin.OWN_CODE).findFirst()
          .filter(SiteGrowth::beyondSampling)
          .ifPresent(own -> clause.append("; your code that grew most: ").append(amount(own)));
      clause.append("; ").append(sampling(heap), 1, sampling(heap).length() - 1).append("; the top site is in ")
          .append(heap.module());
      if (heap.origin() == SiteOrigin.RUNTIME) {
        clause.append(", allocated by the runtime itself (no frame outside the runtime in the allocation stack: "
            + "new goroutines, timers, channel and map memory; compare the goroutine growth)");
      } else {
        clause.append(", allocated by the library and kept by the service (no frame of yours in the allocation "
            + "stack; ").append(hint(heap)).append(')');
      }
    }
    if (!heap.knownLeak().isEmpty()) {
      clause.append("; note: ").append(heap.knownLeak());
    }
    return Optional.of(clause.toString());
  }

  /** {@code main.saveUpload (upload.go:41) 47.9 MiB ±0.9 MiB}. */
  public static String amount(SiteGrowth site) {
    long uncertainty = site.heap() == null ? 0 : site.heap().uncertaintyBytes();
    return site.function() + " (" + site.location() + ") " + Bytes.format(site.growth())
        + (uncertainty > 0 ? " ±" + Bytes.format(uncertainty) : "");
  }

  /** The sampling rate the figures were scaled from: they are estimates unless every allocation is recorded. */
  public static String sampling(HeapDetail heap) {
    return heap.samplingRate() <= 1 ? "(every allocation recorded)"
        : "(heap sampled every " + Bytes.format(heap.samplingRate()) + ")";
  }

  private static String hint(HeapDetail heap) {
    boolean perRequest = heap.stack().stream().anyMatch(f -> f.function().equals(SERVES_REQUESTS));
    return perRequest
        ? "objects allocated per request and kept: look for maps or caches keyed by requests or contexts"
        : "look for what keeps the objects it returns: a map, a cache, a slice only appended to";
  }
}
