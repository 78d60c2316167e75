package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.testkit.MavenRun;
import io.ginpreflight.testkit.RequiresGo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The default simulation's promise, proven the way a user meets it: a bare {@code mvn gatling:test} runs
 * every endpoint family against the embedded gin-lab and passes, and with every leak on it fails on the
 * heap check of the binding phase (maps and caches) and the goroutine check of the api phase, with messages
 * in the documented format, in the console and in Gatling's HTML report.
 */
@RequiresGo("to build gin-lab")
class PreflightSimulationIT {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);
  /** The phases of the default simulation, in order; each judged phase gets every check. */
  private static final List<String> JUDGED_PHASES = List.of("uploads", "binding", "long connections",
      "long connections held", "api");
  private static final Pattern HEAP_KO = Pattern.compile(
      "KO memory: heap growth \\[binding\\]: (heap \\+[0-9.]+ MiB in phase \"binding\"; "
          + "top growth: main\\.[A-Za-z.()*]*leaky[A-Za-z.()*]* \\(leak_[a-z_]+\\.go:[0-9]+\\) [0-9.]+ MiB[^;\\n]*; "
          + "post-GC HeapAlloc before [0-9.]+ (B|KiB|MiB), after [0-9.]+ MiB; limit 4\\.0 MiB)");
  private static final Pattern GOROUTINE_KO = Pattern.compile(
      "KO memory: goroutine growth \\[api\\]: (goroutines \\+[0-9]+ in phase \"api\"; "
          + "top growth: \\+[0-9]+ goroutines [^\\n]*? at main\\.[^\\n ]*leaky[^\\n ]* \\((leak_[a-z_]+\\.go:[0-9]+)\\)"
          + "[^\\n]*?, created by [^\\n ]+ \\([a-z_]+\\.go:[0-9]+\\); before [0-9]+, after [0-9]+; limit 20)");

  @Test
  void everyLeakOnFailsOnHeapAndGoroutinesAsAGatlingAssertion() throws Exception {
    // Which request keeps it would add up to preflight.attribution.max-time (2 minutes) here; its own tests are
    // DetectionMatrixIT's attribution rows. Every leak fails in the planned rounds, and the leaked goroutines stay
    // at the second look: extra rounds and the whole 20 s grace would only add a minute of CI time (their own
    // tests are DetectionMatrixIT's second factory).
    MavenRun run = MavenRun.gatlingTest(RUN_TIMEOUT, "-Dlab.leaks=all", "-Dpreflight.attribution.max-time=off",
        "-Dpreflight.rounds.max=3", "-Dpreflight.confirmation.grace=5s");

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
    assertTrue(html.contains("memory: heap growth [binding]"), "report lacks the heap record");
    assertTrue(html.contains("memory: goroutine growth [api]"), "report lacks the goroutine record");
    // Every family's leaks are caught in its own phase.
    for (String phase : JUDGED_PHASES) {
      assertTrue(run.output.contains("KO memory: goroutine growth [" + phase + "]")
          || run.output.contains("KO memory: heap growth [" + phase + "]")
          || run.output.contains("KO memory: temp file growth [" + phase + "]"), "phase " + phase + " passed:\n"
          + run.output);
    }
    assertTrue(html.contains(asGatlingShowsIt(heap.group(1))), "report lacks the heap KO message");
    assertTrue(html.contains(asGatlingShowsIt(goroutines.group(1))), "report lacks the goroutine KO message");
    // What grew and where are in the part Gatling's report shows.
    assertTrue(asGatlingShowsIt(heap.group(1)).matches("heap \\+.* top growth: main\\.\\S*leaky\\S* \\(leak_[a-z_]+\\.go:"
        + "[0-9]+\\).*"), heap.group(1));
    assertTrue(asGatlingShowsIt(goroutines.group(1)).contains(goroutines.group(2)), goroutines.group(1));
    assertEquals(java.util.List.of(), MavenRun.labProcesses(), "gin-lab left running");
  }

  /**
   * Gatling's HTML report shows an error message's first 200 characters, trimmed, each character with a
   * named entity replaced by it, from the list gatling-charts itself reads (html-entities.properties).
   */
  private static String asGatlingShowsIt(String message) throws java.io.IOException {
    java.util.Properties entities = new java.util.Properties();
    try (var in = PreflightSimulationIT.class.getClassLoader().getResourceAsStream("html-entities.properties")) {
      entities.load(in);
    }
    Map<Character, String> byChar = new java.util.HashMap<>();
    entities.forEach((name, code) -> byChar.put((char) Integer.parseInt((String) code), "&" + name + ";"));
    StringBuilder shown = new StringBuilder();
    message.substring(0, Math.min(200, message.length())).strip().chars()
        .forEach(c -> shown.append(byChar.getOrDefault((char) c, String.valueOf((char) c))));
    return shown.toString();
  }
}
