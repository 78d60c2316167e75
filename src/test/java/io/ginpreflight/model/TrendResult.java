package io.ginpreflight.model;

import java.util.List;

/**
 * A leak rate of a judged phase, or of the whole run: growth per request (or per virtual user) fitted
 * across its probes, with the 95 % interval the measured noise allows. Rates are null when the trend
 * could not be measured.
 *
 * @param scope the phase's name, or {@link #WHOLE_RUN}
 * @param probes the probes the line was fitted through
 * @param count the requests (or virtual users) between the first and the last of them
 * @param noise the spread of one reading the interval assumed (bytes or goroutines)
 * @param plateau the growth was above the limit but had stopped by the last step (passes)
 * @param topSites where the growth is, for a KO heap or goroutine rate
 */
public record TrendResult(TrendKind kind, String scope, Status status, Double rate, Double low, Double high,
    double limit, int probes, long count, double noise, boolean plateau, String message,
    List<SiteGrowth> topSites, LeakDetail detail) {

  /** The scope of the rate fitted across every judged phase together. */
  public static final String WHOLE_RUN = "whole run";

  public TrendResult {
    topSites = List.copyOf(topSites);
    detail = detail == null ? LeakDetail.NONE : detail;
  }

  /** A rate with no detail yet: the judge adds it to KO rates only. */
  public TrendResult(TrendKind kind, String scope, Status status, Double rate, Double low, Double high, double limit,
      int probes, long count, double noise, boolean plateau, String message, List<SiteGrowth> topSites) {
    this(kind, scope, status, rate, low, high, limit, probes, count, noise, plateau, message, topSites,
        LeakDetail.NONE);
  }

  public String recordName() {
    return kind.recordName(scope);
  }

  /** The same result with the growing sites, named at the end of a KO message ("top growth: ..."). */
  public TrendResult withTopSites(List<SiteGrowth> sites, String clause) {
    String withClause = status == Status.KO && !clause.isEmpty() ? message + "; " + clause : message;
    return new TrendResult(kind, scope, status, rate, low, high, limit, probes, count, noise, plateau, withClause,
        sites, detail);
  }

  /** The same rate with the groups behind it (memory.json and memory.html show them). */
  public TrendResult withDetail(LeakDetail newDetail) {
    return new TrendResult(kind, scope, status, rate, low, high, limit, probes, count, noise, plateau, message,
        topSites, newDetail);
  }
}
