package io.ginpreflight.report;

import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.Unit;
import java.util.List;

/**
 * One leak rate as reported, with its 95 % interval: {@code check} is the record's name in Gatling's
 * results, {@code per} what it is counted against ("request" or "virtual user"), {@code perCount} how
 * many of them (1, or 1000 for goroutines), {@code unit} what the value counts (bytes or goroutines), {@code count} how many there were, {@code noise} the spread
 * of one reading the interval assumed. Values are null when the rate could not be measured.
 */
public record RateRecord(String check, Status status, Double value, Double low, Double high, double limit,
    Unit unit, String per, int perCount, int probes, long count, double noise, String message,
    List<SiteGrowth> topSites, LeakDetail detail) {

  public RateRecord {
    detail = detail == null ? LeakDetail.NONE : detail;
  }

  /** A rate with no groups behind it. */
  public RateRecord(String check, Status status, Double value, Double low, Double high, double limit, Unit unit,
      String per, int perCount, int probes, long count, double noise, String message, List<SiteGrowth> topSites) {
    this(check, status, value, low, high, limit, unit, per, perCount, probes, count, noise, message, topSites,
        LeakDetail.NONE);
  }
}
