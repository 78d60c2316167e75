package io.ginpreflight.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The {@code # runtime.MemStats} block that ends {@code /debug/pprof/heap?debug=1}: lines such as
 * {@code # HeapAlloc = 1234}. With {@code gc=1} the handler runs a GC first, so HeapAlloc is post-GC.
 */
public final class MemStatsBlock {

  private static final String HEADER = "# runtime.MemStats";

  private final Map<String, String> fields;

  private MemStatsBlock(Map<String, String> fields) {
    this.fields = fields;
  }

  public static MemStatsBlock parse(String heapProfileText) throws SignalUnavailable {
    int start = heapProfileText.lastIndexOf(HEADER);
    if (start < 0) {
      throw new SignalUnavailable("the heap profile has no '" + HEADER
          + "' block (is this /debug/pprof/heap?debug=1 of a Go program?)");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String[] lines = heapProfileText.substring(start + HEADER.length()).split("\n");
    for (String line : lines) {
      if (!line.startsWith("# ")) {
        continue;
      }
      int equals = line.indexOf(" = ");
      if (equals > 2) {
        fields.put(line.substring(2, equals).trim(), line.substring(equals + 3).trim());
      }
    }
    return new MemStatsBlock(fields);
  }

  public OptionalLong get(String field) {
    String value = fields.get(field);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  public long require(String field) throws SignalUnavailable {
    OptionalLong value = get(field);
    if (value.isEmpty()) {
      throw new SignalUnavailable("the heap profile's MemStats block has no numeric " + field + " line");
    }
    return value.getAsLong();
  }
}
