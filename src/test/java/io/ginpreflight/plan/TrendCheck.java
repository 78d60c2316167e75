package io.ginpreflight.plan;

import io.ginpreflight.model.TrendKind;

/** A check of the rate a signal grew per request across the rounds of a judged window. */
public record TrendCheck(TrendKind kind, double limit) {}
