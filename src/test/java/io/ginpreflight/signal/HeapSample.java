package io.ginpreflight.signal;

/**
 * A heap profile record's counts scaled up to the whole heap. The runtime samples one allocation
 * per MemProfileRate bytes on average, so an allocation of size s is recorded with probability
 * 1 - e^(-s/rate); dividing by that probability is what runtime/pprof's scaleHeapSample does for
 * the proto profile, and what {@code go tool pprof} shows. Same arithmetic, same truncation to
 * integers, so our numbers match pprof's.
 */
public record HeapSample(long count, long bytes) {

  public static HeapSample scale(long count, long bytes, long rate) {
    if (count == 0 || bytes == 0) {
      return new HeapSample(0, 0);
    }
    if (rate <= 1) {
      // rate 1 recorded every allocation; below 1 the rate is unknown: either way, no scaling.
      return new HeapSample(count, bytes);
    }
    double averageSize = (double) bytes / count;
    // StrictMath: the same bits on every JVM, so a result equal to pprof's stays equal.
    double scale = 1 / (1 - StrictMath.exp(-averageSize / rate));
    return new HeapSample((long) (count * scale), (long) (bytes * scale));
  }
}
