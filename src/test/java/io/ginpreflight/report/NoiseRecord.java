package io.ginpreflight.report;

/**
 * The target's noise at rest, measured by two probes with no load between them before the first phase:
 * the absolute differences of their post-GC heap and goroutines (null when unmeasured), how far apart
 * they were, and the spread of one reading each rate's interval then assumed (never below the floors).
 */
public record NoiseRecord(Long heapDifferenceBytes, Long goroutineDifference, long apartMillis,
    double heapSpreadBytes, double goroutineSpread) {}
