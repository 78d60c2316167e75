package io.ginpreflight.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the files under src/test/resources/fixtures, captured by fixtures/capture.sh from a gin-lab
 * running with -leaks global-map,blocked-goroutine: a warm-up of 50 GET /api/items/:id and 50 POST
 * /api/notify, the "before" snapshot, then 1000 of each and the "after" snapshot.
 */
public final class Fixtures {

  /** Requests between the snapshots, each retaining one 4 KiB audit record in the global map. */
  public static final int LEAK_REQUESTS = 2000;
  /** POST /api/notify between the snapshots, each parking one goroutine for good. */
  public static final int LEAK_NOTIFIES = 1000;
  public static final int WARMUP_NOTIFIES = 50;

  private Fixtures() {}

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name + " (run src/test/resources/fixtures/capture.sh)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A truncated capture: the text before the first line containing {@code marker}, plus that line's
   * first half. A marker may start with a newline to match at the start of a line only.
   */
  public static String cutInside(String text, String marker) {
    int line = indexOf(text, marker);
    int lineStart = text.lastIndexOf('\n', line - 1) + 1;
    int lineEnd = text.indexOf('\n', line);
    return text.substring(0, lineStart + ((lineEnd < 0 ? text.length() : lineEnd) - lineStart) / 2);
  }

  /** 1-based number of the first line containing {@code marker} (see {@link #cutInside}). */
  public static int lineOf(String text, String marker) {
    int at = indexOf(text, marker);
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private static int indexOf(String text, String marker) {
    int at = text.indexOf(marker);
    if (at < 0) {
      throw new IllegalArgumentException("fixture has no '" + marker + "'");
    }
    return marker.startsWith("\n") ? at + 1 : at;
  }
}
