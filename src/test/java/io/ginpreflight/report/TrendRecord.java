package io.ginpreflight.report;

import io.ginpreflight.model.Status;
import java.util.List;

/**
 * The leak rates of a judged phase (or of the whole run, phase "whole run"), fitted across its probes:
 * the headline figures side by side, and each rate with its interval in {@code rates}. Null rates mean
 * the trend could not be measured; the worse status of the rates is {@code status}.
 */
public record TrendRecord(
    String phase,
    int rounds,
    long requestsPerRound,
    Double retainedBytesPerRequest,
    Double goroutinesPer1000Requests,
    double retainedBytesPerRequestLimit,
    double goroutinesPer1000RequestsLimit,
    Status status,
    String message,
    List<RateRecord> rates) {

  public TrendRecord {
    rates = rates == null ? List.of() : List.copyOf(rates);
  }
}
