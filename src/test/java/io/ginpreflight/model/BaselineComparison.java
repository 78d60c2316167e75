package io.ginpreflight.model;

import java.time.Instant;

/**
 * One figure of one phase against its baseline: this run's value, the median of the earlier runs and
 * how far above it the value may be.
 *
 * @param value this run's figure; null when unmeasured
 * @param median the median of {@code runs} earlier runs; null when not judged for want of runs
 * @param from the oldest of those runs' start, {@code to} the newest's
 * @param limit how far above the median the value may rise, in the figure's unit
 */
public record BaselineComparison(BaselineFigure figure, BaselineStatus status, Double value, Double median,
    int runs, Instant from, Instant to, double limit, String message) {}
