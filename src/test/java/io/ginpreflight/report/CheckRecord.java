package io.ginpreflight.report;

import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.Unit;
import java.util.List;

/**
 * One memory check as reported: {@code name} is the record's name in Gatling's results; {@code before},
 * {@code after}, {@code growth} and {@code limit} are in {@code unit}, and null when unmeasured.
 */
public record CheckRecord(
    String name,
    String check,
    String phase,
    Status status,
    Long before,
    Long after,
    Long growth,
    Double growthPercent,
    long limit,
    Unit unit,
    String message,
    List<SiteGrowth> topSites,
    LeakDetail detail) {

  public CheckRecord {
    detail = detail == null ? LeakDetail.NONE : detail;
  }

  /** A check with no groups behind it. */
  public CheckRecord(String name, String check, String phase, Status status, Long before, Long after, Long growth,
      Double growthPercent, long limit, Unit unit, String message, List<SiteGrowth> topSites) {
    this(name, check, phase, status, before, after, growth, growthPercent, limit, unit, message, topSites,
        LeakDetail.NONE);
  }

  public boolean passed() {
    return status == Status.OK;
  }
}
