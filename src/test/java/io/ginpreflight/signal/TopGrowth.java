package io.ginpreflight.signal;

import io.ginpreflight.model.Bytes;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.Unit;
import java.util.List;
import java.util.Optional;

/**
 * The tail of a KO message that says where to look:
 * {@code top growth: main.saveUpload (upload.go:41) 47.9 MiB} or
 * {@code top growth: main.leakyNotifyDeliver (leak_blocked_goroutine.go:60) +1000 goroutines}.
 */
public final class TopGrowth {

  private TopGrowth() {}

  /** The clause for the first (largest) site, or empty when nothing grew. */
  public static Optional<String> clause(List<SiteGrowth> sitesLargestFirst) {
    return sitesLargestFirst.isEmpty() ? Optional.empty() : Optional.of(clause(sitesLargestFirst.get(0)));
  }

  public static String clause(SiteGrowth site) {
    return "top growth: " + describe(site);
  }

  /** {@code main.saveUpload (upload.go:41) 47.9 MiB}: the site and its growth with the unit. */
  public static String describe(SiteGrowth site) {
    return site.function() + " (" + site.location() + ") " + amount(site);
  }

  private static String amount(SiteGrowth site) {
    long growth = site.growth();
    if (site.unit() == Unit.BYTES) {
      return Bytes.format(growth);
    }
    return (growth >= 0 ? "+" : "") + growth + (Math.abs(growth) == 1 ? " goroutine" : " goroutines");
  }
}
