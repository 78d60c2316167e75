package io.ginpreflight.plan;

import io.ginpreflight.model.CheckKind;

/**
 * A check of the rate a signal grew per request (or per virtual user) across the probes of a judged
 * window, or of the whole run, against its limit. {@code noiseFloor} is the least spread of one reading
 * the interval assumes, however quiet the target seemed when its noise was measured; a window with fewer
 * than {@code minRequests} requests is left to the flat checks.
 *
 * @param kind a kind of {@link CheckKind.Rule#RATE}
 */
public record RateCheck(CheckKind kind, double limit, double noiseFloor, long minRequests) {}
