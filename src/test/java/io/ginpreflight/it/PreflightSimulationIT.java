package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton's promise, proven the way a user meets it: a bare {@code mvn gatling:test} against
 * the embedded gin-lab passes, and with every leak on it fails on the heap and goroutine checks, with
 * messages in the documented format, in the console and in Gatling's HTML report.
 */
class PreflightSimulationIT {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);
  private static final Pattern HEAP_KO = Pattern.compile(
      "KO memory: heap growth \\[steady\\]: (heap \\(post-GC HeapAlloc\\) grew [0-9.]+ MiB during phase \"steady\" "
          + "\\(before [0-9.]+ (B|KiB|MiB), after [0-9.]+ MiB\\); limit 4\\.0 MiB; "
          + "top growth: [^ ]*leakyGlobalMapMiddleware[^ ]* \\(leak_global_map\\.go:[0-9]+\\) [0-9.]+ MiB)");
  private static final Pattern GOROUTINE_KO = Pattern.compile(
      "KO memory: goroutine growth \\[steady\\]: (goroutines grew by [0-9]+ during phase \"steady\" "
          + "\\(before [0-9]+, after [0-9]+\\); limit 20; "
          + "top growth: main\\.leakyNotify[A-Za-z.0-9]* \\(leak_blocked_goroutine\\.go:[0-9]+\\) \\+[0-9]+ goroutines)");

  @Test
  void leakFreeLabPasses() throws Exception {
    MavenRun run = MavenRun.gatlingTest(RUN_TIMEOUT);

    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("OK memory: heap growth [steady]"), run.output);
    assertTrue(run.output.contains("OK memory: goroutine growth [steady]"), run.output);
    assertTrue(run.gatlingReport().map(Files::isRegularFile).orElse(false), "no report printed:\n" + run.output);
    assertEquals(java.util.List.of(), MavenRun.labProcesses(), "gin-lab left running");
  }

  @Test
  void everyLeakOnFailsOnHeapAndGoroutinesAsAGatlingAssertion() throws Exception {
    MavenRun run = MavenRun.gatlingTest(RUN_TIMEOUT, "-Dlab.leaks=all");

    assertNotEquals(0, run.exitCode, run.output);
    // A failed check is a test failure (assertions), not a build error.
    assertTrue(run.output.contains("Gatling simulation assertions failed"), run.output);
    Matcher heap = HEAP_KO.matcher(run.output);
    Matcher goroutines = GOROUTINE_KO.matcher(run.output);
    assertTrue(heap.find(), "no KO heap message in the documented format:\n" + run.output);
    assertTrue(goroutines.find(), "no KO goroutine message in the documented format:\n" + run.output);

    // The HTML report is still written and shows both KO records with their sentences.
    Path report = run.gatlingReport().orElseThrow(() -> new AssertionError("no report:\n" + run.output));
    String html = Files.readString(report);
    assertTrue(html.contains("memory: heap growth [steady]"), "report lacks the heap record");
    assertTrue(html.contains("memory: goroutine growth [steady]"), "report lacks the goroutine record");
    assertTrue(html.contains(heap.group(1).replace("\"", "&quot;")), "report lacks the heap KO message");
    assertTrue(html.contains(goroutines.group(1).replace("\"", "&quot;")), "report lacks the goroutine KO message");
    assertEquals(java.util.List.of(), MavenRun.labProcesses(), "gin-lab left running");
  }
}
