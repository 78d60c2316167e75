package io.ginpreflight.signal;

import java.util.List;

/**
 * One record of {@code /debug/pprof/heap?debug=1}, counts as sampled (not scaled), frames innermost
 * first with the runtime's allocator frames already hidden by runtime/pprof.
 */
public record HeapRecord(long inuseObjects, long inuseBytes, long allocObjects, long allocBytes,
    List<StackFrame> frames) {

  public HeapRecord {
    frames = List.copyOf(frames);
  }

  public HeapSample scaledInuse(long samplingRate) {
    return HeapSample.scale(inuseObjects, inuseBytes, samplingRate);
  }

  public Site site() {
    return SiteRule.siteOf(frames);
  }
}
