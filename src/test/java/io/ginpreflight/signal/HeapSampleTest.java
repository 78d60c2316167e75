package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeapSampleTest {

  private static final long DEFAULT_RATE = 512 * 1024;

  @Test
  void scalesLikeRuntimePprof() {
    // GIVEN the record gin-lab's global map left in heap-debug1-after.txt: 18 sampled 4 KiB objects
    // WHEN it is scaled at the default MemProfileRate
    HeapSample scaled = HeapSample.scale(18, 18 * 4096, DEFAULT_RATE);

    // THEN the result is what runtime/pprof put in the proto profile captured a moment later,
    // as `go tool pprof -top -lines heap-after.pb.gz` prints it (-sample_index=inuse_objects and
    // -unit=B): 2313 objects, 9474095 B at leak_global_map.go:26.
    assertEquals(new HeapSample(2313, 9474095), scaled);
  }

  @Test
  void rateOfOneOrUnknownLeavesCountsAlone() {
    // GIVEN a profile recorded with MemProfileRate 1 (every allocation) or an unknown rate
    // WHEN a record is scaled
    // THEN nothing changes
    assertEquals(new HeapSample(3, 300), HeapSample.scale(3, 300, 1));
    assertEquals(new HeapSample(3, 300), HeapSample.scale(3, 300, 0));
  }

  @Test
  void emptyRecordStaysEmpty() {
    // GIVEN a record whose objects were all freed
    // WHEN it is scaled
    // THEN it stays zero, whatever the bytes say (runtime/pprof does the same)
    assertEquals(new HeapSample(0, 0), HeapSample.scale(0, 4096, DEFAULT_RATE));
  }
}
