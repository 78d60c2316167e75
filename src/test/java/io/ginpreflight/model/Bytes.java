package io.ginpreflight.model;

import java.util.Locale;

/** Byte counts as people read them: binary units, one decimal. */
public final class Bytes {

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Bytes() {}

  public static String format(long bytes) {
    long magnitude = Math.abs(bytes);
    if (magnitude < 1024) {
      return bytes + " B";
    }
    double value = magnitude;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%s%.1f %s", bytes < 0 ? "-" : "", value, UNITS[unit]);
  }
}
