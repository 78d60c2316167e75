package io.ginpreflight.report;

/**
 * The leak trend of a phase run as identical rounds: growth per round fitted across the rounds after the
 * first (warm-up), divided by the requests of a round. Null rates mean the trend could not be measured.
 */
public record TrendRecord(
    String phase,
    int rounds,
    long requestsPerRound,
    Double retainedBytesPerRequest,
    Double goroutinesPer1000Requests,
    double retainedBytesPerRequestLimit,
    double goroutinesPer1000RequestsLimit,
    String status,
    String message) {}
