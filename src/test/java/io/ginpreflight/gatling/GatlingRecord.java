package io.ginpreflight.gatling;

/**
 * A line in Gatling's results, as a request: its name, OK or KO with the KO's message, and the moments it
 * is recorded between, in epoch milliseconds (for a raw client, from when it started on its thread, not
 * when it was queued, to when its exchange ended; for a check, the probe that judged it).
 */
public record GatlingRecord(String name, boolean ok, String message, long startMillis, long endMillis) {

  public static GatlingRecord ok(String name, long startMillis, long endMillis) {
    return new GatlingRecord(name, true, "", startMillis, endMillis);
  }

  public static GatlingRecord ko(String name, String message, long startMillis, long endMillis) {
    return new GatlingRecord(name, false, message, startMillis, endMillis);
  }
}
