package io.ginpreflight.model;

import java.util.List;
import java.util.OptionalLong;

/**
 * One evaluated memory check. {@code before} and {@code after} are empty when the signal could not be
 * measured; then the status is {@link Status#INCONCLUSIVE} and the message says why. {@code topSites}
 * are the places in the target's code whose retained heap or goroutines grew most, largest first.
 */
public record CheckResult(
    CheckKind kind, String phase, Status status, OptionalLong before, OptionalLong after, long limit,
    String message, List<SiteGrowth> topSites, LeakDetail detail) {

  public CheckResult {
    topSites = List.copyOf(topSites);
    detail = detail == null ? LeakDetail.NONE : detail;
  }

  /** A result with no detail yet: the judge adds it to KO checks only. */
  public CheckResult(CheckKind kind, String phase, Status status, OptionalLong before, OptionalLong after, long limit,
      String message, List<SiteGrowth> topSites) {
    this(kind, phase, status, before, after, limit, message, topSites, LeakDetail.NONE);
  }

  public String recordName() {
    return kind.recordName(phase);
  }

  public OptionalLong growth() {
    return before.isPresent() && after.isPresent()
        ? OptionalLong.of(after.getAsLong() - before.getAsLong())
        : OptionalLong.empty();
  }

  /** Growth as a percentage of the value before the phase; null when unmeasured or from zero. */
  public Double growthPercent() {
    return growth().isPresent() && before.getAsLong() > 0
        ? 100.0 * growth().getAsLong() / before.getAsLong()
        : null;
  }

  /** The same result with the growing sites, named at the end of a KO message ("top growth: ..."). */
  public CheckResult withTopSites(List<SiteGrowth> sites, String clause) {
    String withClause = status == Status.KO && !clause.isEmpty() ? message + "; " + clause : message;
    return new CheckResult(kind, phase, status, before, after, limit, withClause, sites, detail);
  }

  /** The same result with the groups behind its number (memory.json and memory.html show them). */
  public CheckResult withDetail(LeakDetail newDetail) {
    return new CheckResult(kind, phase, status, before, after, limit, message, topSites, newDetail);
  }
}
