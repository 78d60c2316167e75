package io.ginpreflight.gatling;

/**
 * A line in Gatling's results with the moments it is recorded between, in epoch milliseconds: for a raw
 * client, from when it started on its thread (not when it was queued) to when its exchange ended.
 */
public record TimedRecord(VerdictRecord record, long startMillis, long endMillis) {}
