package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ginpreflight.watch.Measurement;
import org.junit.jupiter.api.Test;

class GrowthRuleTest {

  private static final long MIB = 1024 * 1024;

  @Test
  void heapGrowthAboveTheLimitIsKoWithTheDocumentedSentence() {
    // GIVEN post-GC heap of 1.3 MiB before and 12.5 MiB after, limit 4 MiB
    CheckResult result = GrowthRule.evaluate(CheckKind.HEAP_GROWTH, "steady",
        Measurement.of(Math.round(1.3 * MIB)), Measurement.of(Math.round(12.5 * MIB)), 4 * MIB);
    // THEN
    assertEquals(CheckStatus.KO, result.status());
    assertEquals("memory: heap growth [steady]", result.recordName());
    assertEquals("heap (post-GC HeapAlloc) grew 11.2 MiB during phase \"steady\" "
        + "(before 1.3 MiB, after 12.5 MiB); limit 4.0 MiB", result.message());
  }

  @Test
  void goroutineGrowthWithinTheLimitIsOk() {
    CheckResult result = GrowthRule.evaluate(CheckKind.GOROUTINE_GROWTH, "steady",
        Measurement.of(12), Measurement.of(20), 20);
    assertEquals(CheckStatus.OK, result.status());
    assertEquals("goroutines grew by 8 during phase \"steady\" (before 12, after 20); limit 20", result.message());
  }

  @Test
  void growthExactlyAtTheLimitPasses() {
    CheckResult result = GrowthRule.evaluate(CheckKind.GOROUTINE_GROWTH, "p", Measurement.of(0),
        Measurement.of(20), 20);
    assertEquals(CheckStatus.OK, result.status());
  }

  @Test
  void shrinkingIsSaidSo() {
    CheckResult result = GrowthRule.evaluate(CheckKind.GOROUTINE_GROWTH, "drain", Measurement.of(30),
        Measurement.of(12), 20);
    assertEquals("goroutines shrank by 18 during phase \"drain\" (before 30, after 12); limit 20", result.message());
  }

  @Test
  void unmeasuredAfterIsInconclusiveAndSaysWhy() {
    CheckResult result = GrowthRule.evaluate(CheckKind.HEAP_GROWTH, "steady", Measurement.of(MIB),
        Measurement.failed("http://127.0.0.1:1/debug/pprof/heap?gc=1&debug=1 answered HTTP 404"), 4 * MIB);
    assertEquals(CheckStatus.INCONCLUSIVE, result.status());
    assertEquals("heap (post-GC HeapAlloc) could not be measured after phase \"steady\": "
        + "http://127.0.0.1:1/debug/pprof/heap?gc=1&debug=1 answered HTTP 404; an unmeasured signal is not a pass",
        result.message());
  }

  @Test
  void noteOfAReadingIsCarriedIntoTheMessage() {
    CheckResult result = GrowthRule.evaluate(CheckKind.GOROUTINE_GROWTH, "sse", Measurement.of(10),
        Measurement.of(40, "goroutines had not settled after 20 s"), 20);
    assertEquals("goroutines grew by 30 during phase \"sse\" (before 10, after 40); limit 20 "
        + "(goroutines had not settled after 20 s)", result.message());
  }
}
