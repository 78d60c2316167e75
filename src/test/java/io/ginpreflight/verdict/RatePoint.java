package io.ginpreflight.verdict;

import io.ginpreflight.model.Measurement;

/**
 * One probe of a rate fit: how many requests (or virtual users) had been sent since the fit's first probe,
 * and the signal's value there.
 */
public record RatePoint(long count, Measurement value) {}
