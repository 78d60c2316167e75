package io.ginpreflight.families;

/** Byte counts as people write them in request names: "1 KiB", "33 MiB", "700 B". */
final class Sizes {

  private Sizes() {}

  static String label(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " B";
  }
}
