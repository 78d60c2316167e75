package io.ginpreflight.model;

import java.util.List;

/**
 * What a growing heap site adds to its bytes: the objects before and after, how far the sampled figures
 * can be off, whose code it is and the whole allocation stack (innermost first).
 *
 * @param uncertaintyBytes half the 95 % interval of the growth, from the heap profile's sampling: the site
 *     is not "top growth" unless it grew by more
 * @param samplingRate the target's MemProfileRate (one sample per this many allocated bytes; 1: every one)
 * @param module the site's module with its version ({@code github.com/gin-gonic/gin v1.12.0}), the Go
 *     release for the standard library, "unknown version" when the build info is unknown
 * @param allocatedIn the innermost frame outside the runtime when it is not the site itself (a library
 *     that allocated on the site's behalf), with its module; empty when the site allocated itself
 * @param knownLeak the curated known-leak note of the site's (or its allocator's) module, empty when none
 */
public record HeapDetail(long objectsBefore, long objectsAfter, long uncertaintyBytes, long samplingRate,
    SiteOrigin origin, String module, String allocatedIn, List<HeapFrame> stack, String knownLeak) {

  public HeapDetail {
    stack = List.copyOf(stack);
    knownLeak = knownLeak == null ? "" : knownLeak;
    allocatedIn = allocatedIn == null ? "" : allocatedIn;
  }

  /** Two phases' figures of one site added up; independent samplings, so their variances add. */
  HeapDetail plus(HeapDetail other) {
    long uncertainty = Math.round(Math.hypot(uncertaintyBytes, other.uncertaintyBytes));
    return new HeapDetail(objectsBefore + other.objectsBefore, objectsAfter + other.objectsAfter, uncertainty,
        samplingRate, origin, module, allocatedIn, stack, knownLeak);
  }
}
