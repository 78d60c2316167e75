package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A profile a probe saves beside the run. Its JSON name keys the probe's {@code profiles} in memory.json
 * and names its link in memory.html.
 */
public enum ProfileKind {
  /** The proto heap profile, which {@code go tool pprof -base} diffs. */
  HEAP("heap"),
  /** The heap's debug=1 text, with the MemStats block; the leak sites are read from it. */
  HEAP_TEXT("heap-text"),
  /** goroutine?debug=1: pprof reads this legacy text, and the leak sites are read from it. */
  GOROUTINE("goroutine"),
  /** goroutine?debug=2, every stack in full: for people. */
  GOROUTINE_FULL("goroutine-full"),
  /** goroutineleak?debug=1: only the goroutines the GC proved leaked, in goroutine?debug=1's format. */
  GOROUTINE_LEAK("goroutineleak"),
  /** A local target's descriptors, classified: kind, peer and detail per line (procfs DescriptorListing). */
  DESCRIPTORS("descriptors"),
  /** A local target's temp files: size and path under the temp dir per line. */
  TEMP_FILES("temp-files");

  private final String jsonName;

  ProfileKind(String jsonName) {
    this.jsonName = jsonName;
  }

  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** The JSON name: links and messages name a kind as the files do. */
  @Override
  public String toString() {
    return jsonName;
  }
}
