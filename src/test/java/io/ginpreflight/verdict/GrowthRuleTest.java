package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthRuleTest {

  private static final long MIB = 1024 * 1024;

  @Test
  void heapGrowthAboveTheLimitIsKoWithTheDocumentedSentence() {
    // GIVEN post-GC heap of 1.3 MiB before and 12.5 MiB after, limit 4 MiB
    CheckResult result = GrowthRule.evaluate(CheckKind.HEAP_GROWTH, "steady",
        Measurement.of(Math.round(1.3 * MIB)).withSource("post-GC HeapAlloc"),
        Measurement.of(Math.round(12.5 * MIB)).withSource("post-GC HeapAlloc"), 4 * MIB);
    // THEN
    assertEquals(Status.KO, result.status());
    assertEquals("memory: heap growth [steady]", result.recordName());
    assertEquals("heap +11.2 MiB in phase \"steady\"; post-GC HeapAlloc before 1.3 MiB, after 12.5 MiB; limit "
        + "4.0 MiB", result.message());
  }

  @Test
  void aKoSaysWhatGrewAndWhereBeforeItsFiguresAndAnOkNeverLooks() {
    // GIVEN a heap KO and a place it grew at, and a goroutine growth within its limit
    Where where = new Where("top growth: main.saveUpload (upload.go:41) 47.9 MiB", LeakDetail.NONE);
    List<String> asked = new ArrayList<>();
    CheckResult ko = GrowthRule.evaluate(CheckKind.HEAP_GROWTH, "uploads",
        Measurement.of(Math.round(12.1 * MIB)).withSource("post-GC HeapAlloc"),
        Measurement.of(Math.round(60.3 * MIB)).withSource("post-GC HeapAlloc"), 4 * MIB, () -> {
          asked.add("ko");
          return where;
        });
    CheckResult ok = GrowthRule.evaluate(CheckKind.GOROUTINE_GROWTH, "uploads", Measurement.of(12),
        Measurement.of(20), 20, () -> {
          asked.add("ok");
          return where;
        });
    // THEN the KO leads with what grew and where, then the figures; only the KO looked for its place
    assertEquals("heap +48.2 MiB in phase \"uploads\"; top growth: main.saveUpload (upload.go:41) 47.9 MiB; "
        + "post-GC HeapAlloc before 12.1 MiB, after 60.3 MiB; limit 4.0 MiB", ko.message());
    assertEquals(Status.OK, ok.status());
    assertEquals(List.of("ko"), asked);
  }

  @Test
  void goroutineGrowthWithinTheLimitIsOk() {
    CheckResult result = GrowthRule.evaluate(CheckKind.GOROUTINE_GROWTH, "steady",
        Measurement.of(12), Measurement.of(20), 20);
    assertEquals(Status.OK, result.status());
    assertEquals("goroutines +8 in phase \"steady\"; before 12, after 20; limit 20", result.message());
  }

  @Test
  void growthExactlyAtTheLimitPasses() {
    CheckResult result = GrowthRule.evaluate(CheckKind.GOROUTINE_GROWTH, "p", Measurement.of(0),
        Measurement.of(20), 20);
    assertEquals(Status.OK, result.status());
  }

  @Test
  void shrinkingIsSaidWithItsSign() {
    CheckResult result = GrowthRule.evaluate(CheckKind.GOROUTINE_GROWTH, "drain", Measurement.of(30),
        Measurement.of(12), 20);
    assertEquals("goroutines -18 in phase \"drain\"; before 30, after 12; limit 20", result.message());
  }

  @Test
  void unmeasuredAfterIsInconclusiveAndSaysWhy() {
    CheckResult result = GrowthRule.evaluate(CheckKind.HEAP_GROWTH, "steady",
        Measurement.of(MIB).withSource("post-GC HeapAlloc"),
        Measurement.failed("http://127.0.0.1:1/debug/pprof/heap?gc=1&debug=1 answered HTTP 404"), 4 * MIB);
    assertEquals(Status.INCONCLUSIVE, result.status());
    assertEquals("heap (post-GC HeapAlloc) could not be measured after phase \"steady\": "
        + "http://127.0.0.1:1/debug/pprof/heap?gc=1&debug=1 answered HTTP 404; an unmeasured signal is not a pass",
        result.message());
  }

  @Test
  void estimatedHeapSaysItIsAnEstimate() {
    String source = "post-GC estimate from go_memstats_next_gc_bytes / (1 + GOGC/100)";
    CheckResult result = GrowthRule.evaluate(CheckKind.HEAP_GROWTH, "steady",
        Measurement.of(2 * MIB).withSource(source), Measurement.of(3 * MIB).withSource(source), 4 * MIB);
    assertEquals("heap +1.0 MiB in phase \"steady\"; post-GC estimate from go_memstats_next_gc_bytes / (1 + "
        + "GOGC/100) before 2.0 MiB, after 3.0 MiB; limit 4.0 MiB", result.message());
  }

  @Test
  void tempFilesAreCounted() {
    CheckResult result = GrowthRule.evaluate(CheckKind.TEMP_FILE_GROWTH, "uploads", Measurement.of(0),
        Measurement.of(300), 5);
    assertEquals(Status.KO, result.status());
    assertEquals("temp files +300 in phase \"uploads\"; before 0, after 300; limit 5", result.message());
  }

  @Test
  void noteOfAReadingIsCarriedIntoTheMessage() {
    CheckResult result = GrowthRule.evaluate(CheckKind.GOROUTINE_GROWTH, "sse", Measurement.of(10),
        Measurement.of(40, "goroutines had not settled after 20 s"), 20);
    assertEquals("goroutines +30 in phase \"sse\"; before 10, after 40; limit 20; goroutines had not settled "
        + "after 20 s", result.message());
  }
}
