package io.ginpreflight.signal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.OptionalDouble;

/**
 * {@code /debug/vars} from Go's expvar: a JSON object with {@code memstats} (runtime.MemStats as
 * read when the page was served, no GC forced), {@code cmdline}, and whatever the service published.
 */
public final class ExpvarVars {

  // Trailing tokens mean two documents or a broken one; refuse rather than read the first half.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final JsonNode root;
  private final JsonNode memstats;

  private ExpvarVars(JsonNode root, JsonNode memstats) {
    this.root = root;
    this.memstats = memstats;
  }

  public static ExpvarVars parse(String json) throws SignalUnavailable {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SignalUnavailable("the expvar JSON is malformed" + where + ": " + firstClause(e.getOriginalMessage()));
    }
    if (root == null || root.isMissingNode()) {
      throw new SignalUnavailable("the expvar JSON is empty");
    }
    if (!root.isObject()) {
      throw new SignalUnavailable("the expvar JSON is not an object but " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    JsonNode memstats = root.get("memstats");
    if (memstats == null || !memstats.isObject()) {
      throw new SignalUnavailable("the expvar JSON has no 'memstats' object (expvar publishes it "
          + "when the program imports expvar; is this /debug/vars?)");
    }
    return new ExpvarVars(root, memstats);
  }

  /** Jackson's message names the source and quotes the input; keep the sentence that says why. */
  private static String firstClause(String message) {
    String line = message.lines().findFirst().orElse("").strip();
    for (String cut : new String[] {" (start marker at", " at [Source", " (for "}) {
      int at = line.indexOf(cut);
      if (at > 0) {
        line = line.substring(0, at);
      }
    }
    return line;
  }

  /** Bytes of live heap objects (MemStats.HeapAlloc); not post-GC, since expvar forces no GC. */
  public long heapAlloc() throws SignalUnavailable {
    return memstat("HeapAlloc");
  }

  public long heapInuse() throws SignalUnavailable {
    return memstat("HeapInuse");
  }

  public long heapObjects() throws SignalUnavailable {
    return memstat("HeapObjects");
  }

  public long numGC() throws SignalUnavailable {
    return memstat("NumGC");
  }

  public long sys() throws SignalUnavailable {
    return memstat("Sys");
  }

  /** Any integer field of runtime.MemStats by its Go name ({@code StackInuse}, {@code Mallocs}). */
  public long memstat(String field) throws SignalUnavailable {
    JsonNode value = memstats.get(field);
    if (value == null || !value.isIntegralNumber()) {
      throw new SignalUnavailable("the expvar memstats have no integer " + field + " field");
    }
    return value.asLong();
  }

  /** A top-level numeric var such as an expvar.Int the service published; empty if absent or not a number. */
  public OptionalDouble number(String name) {
    JsonNode value = root.get(name);
    return value != null && value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
  }
}
