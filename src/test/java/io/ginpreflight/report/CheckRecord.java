package io.ginpreflight.report;

import io.ginpreflight.model.SiteGrowth;
import java.util.List;

/**
 * One memory check as reported: {@code name} is the record's name in Gatling's results, {@code status}
 * is OK, KO or INCONCLUSIVE, {@code unit} is "bytes" or "count". Values are null when unmeasured.
 */
public record CheckRecord(
    String name,
    String check,
    String phase,
    String status,
    Long before,
    Long after,
    Long growth,
    Double growthPercent,
    long limit,
    String unit,
    String message,
    List<SiteGrowth> topSites) {

  public boolean passed() {
    return "OK".equals(status);
  }
}
