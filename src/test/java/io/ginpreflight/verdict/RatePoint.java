package io.ginpreflight.verdict;

import io.ginpreflight.model.Measurement;

/**
 * One probe of a rate fit: the run's probe index (for messages), how many requests (or virtual users)
 * had been sent since the fit's first probe, and the signal's value there.
 */
public record RatePoint(int probe, long count, Measurement value) {}
