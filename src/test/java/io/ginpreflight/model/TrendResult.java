package io.ginpreflight.model;

/**
 * A phase's leak rate: growth per round fitted across the rounds after the warm-up one, divided by the
 * requests of a round. {@code rate} is null when the trend could not be measured.
 */
public record TrendResult(TrendKind kind, String phase, Status status, Double rate, double limit,
    int rounds, long requestsPerRound, String message) {

  public String recordName() {
    return kind.recordName(phase);
  }
}
