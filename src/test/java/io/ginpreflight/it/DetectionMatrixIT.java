package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ginpreflight.report.CheckRecord;
import io.ginpreflight.report.MemoryJson;
import io.ginpreflight.report.MemoryReport;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.MavenRun;
import io.ginpreflight.testkit.RequiresGo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The calibration: for every gin-lab leak pattern, the family simulation that drives it, with only that
 * leak on, fails on the check gin-lab's catalogue names, and the message names the leaking function;
 * with every leak fixed, every family passes (traps included). Phases are shortened so the matrix fits
 * in mvn verify; the leaks still exceed their limits many times over. Prints the table at the end.
 */
@RequiresGo("to build gin-lab")
class DetectionMatrixIT {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

  /** Which family simulation and judged phase drive each pattern (from docs/leak-catalogue.md). */
  private static final Map<String, String[]> DRIVEN_BY = Map.ofEntries(
      Map.entry("global-map", new String[] {"BindingSimulation", "binding"}),
      Map.entry("unbounded-cache", new String[] {"BindingSimulation", "binding"}),
      Map.entry("pool-misuse", new String[] {"BindingSimulation", "binding"}),
      Map.entry("temp-file-kept", new String[] {"UploadSimulation", "uploads"}),
      Map.entry("file-not-closed", new String[] {"UploadSimulation", "uploads"}),
      Map.entry("sse-producer", new String[] {"LongConnectionSimulation", "long connections"}),
      Map.entry("websocket-writer", new String[] {"LongConnectionSimulation", "long connections"}),
      Map.entry("long-poll", new String[] {"LongConnectionSimulation", "long connections"}),
      Map.entry("blocked-goroutine", new String[] {"ApiSimulation", "api"}),
      Map.entry("context-not-cancelled", new String[] {"ApiSimulation", "api"}),
      Map.entry("time-after-loop", new String[] {"ApiSimulation", "api"}),
      Map.entry("channel-backlog", new String[] {"ApiSimulation", "api"}),
      Map.entry("upstream-body", new String[] {"ApiSimulation", "api"}));

  private static final Map<String, String> CHECK_OF_SIGNAL = Map.of(
      "heap", "heap growth", "goroutines", "goroutine growth", "fds", "open fd growth",
      "tempfiles", "temp file growth");

  /** Shorter quick profiles; binding's warm-up still sends more new keys than the lab's caches hold. */
  private static final Map<String, String> SHORT = Map.ofEntries(
      // pprof samples one allocation per 512 KiB by default: a full LRU trap that only churns can then look
      // like MiBs of growth by chance and outrank a real leak as "top growth". 64 KiB makes the order stable.
      Map.entry("lab.args.0", "-mem-profile-rate"),
      Map.entry("lab.args.1", "65536"),
      Map.entry("preflight.families.uploads.load.quick.warm-up", "3s"),
      Map.entry("preflight.families.uploads.load.quick.duration", "8s"),
      Map.entry("preflight.families.binding.load.quick.warm-up-rate", "120"),
      Map.entry("preflight.families.binding.load.quick.warm-up", "10s"),
      // unbounded-cache keeps 4 KiB per new query: 80 queries/s for 20 s is 6.3 MiB against a 4 MiB limit.
      Map.entry("preflight.families.binding.load.quick.duration", "20s"),
      Map.entry("preflight.families.long-connections.load.quick.warm-up", "3s"),
      Map.entry("preflight.families.long-connections.load.quick.duration", "8s"),
      Map.entry("preflight.families.long-connections.hold.duration", "5s"),
      Map.entry("preflight.families.api.load.quick.warm-up", "3s"),
      Map.entry("preflight.families.api.load.quick.duration", "10s"));

  private record Row(String pattern, String simulation, String check, String status, boolean namesFunction,
      boolean ok, String message) {}

  @Test
  void everyPatternFailsItsCheckNamingItsFunctionAndTheFixedLabPasses() throws Exception {
    List<Row> rows = new ArrayList<>();
    for (JsonNode entry : catalogue()) {
      if (!"pattern".equals(entry.get("kind").asText())) {
        continue;
      }
      String pattern = entry.get("name").asText();
      String[] driver = DRIVEN_BY.get(pattern);
      if (driver == null) {
        rows.add(new Row(pattern, "-", "-", "NO DRIVER", false, false, "add it to DRIVEN_BY"));
        continue;
      }
      String check = CHECK_OF_SIGNAL.get(entry.get("signal").asText());
      String function = simpleName(entry.get("leakyFunc").asText());
      Map<String, String> properties = new HashMap<>(SHORT);
      properties.put("lab.leaks", pattern);
      GatlingProcess run = GatlingProcess.run("io.ginpreflight.simulations." + driver[0], properties, RUN_TIMEOUT);
      Optional<CheckRecord> record = report(run)
          .flatMap(r -> r.checks().stream().filter(c -> c.name().equals("memory: " + check + " [" + driver[1] + "]"))
              .findFirst());
      String status = record.map(c -> c.status().name()).orElse("MISSING");
      String message = record.map(CheckRecord::message).orElse(tail(run.output));
      // Descriptors and temp files have no stack to name; for them the check's own sentence is the pointer.
      boolean namesFunction = check.equals("heap growth") || check.equals("goroutine growth")
          ? message.contains(function) : true;
      rows.add(new Row(pattern, driver[0], check, status, namesFunction,
          run.exitCode != 0 && "KO".equals(status) && namesFunction, message));
    }
    // The fixed half is the bare default a user runs: mvn gatling:test, every family, every leak fixed.
    MavenRun fixed = MavenRun.gatlingTest(Duration.ofMinutes(6));
    boolean allOk = fixed.exitCode == 0 && !fixed.output.contains("Judge - KO")
        && !fixed.output.contains("Judge - INCONCLUSIVE") && !fixed.output.contains("skipped");
    rows.add(new Row("(all fixed, traps on)", "mvn gatling:test", "every check", fixed.exitCode == 0 ? "PASS" : "FAIL",
        true, allOk && MavenRun.labProcesses().isEmpty(), tail(fixed.output)));

    System.out.println(table(rows));
    assertEquals(List.of(), rows.stream().filter(r -> !r.ok()).toList(), table(rows));
  }

  private static List<JsonNode> catalogue() throws IOException, InterruptedException {
    Process go = new ProcessBuilder("go", "run", ".", "-catalogue-json")
        .directory(GatlingProcess.projectDir().resolve("gin-lab").toFile()).redirectErrorStream(false).start();
    String json = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!go.waitFor(2, TimeUnit.MINUTES) || go.exitValue() != 0) {
      throw new AssertionError("gin-lab -catalogue-json failed: " + new String(go.getErrorStream().readAllBytes()));
    }
    List<JsonNode> entries = new ArrayList<>();
    new ObjectMapper().readTree(json).forEach(entries::add);
    return entries;
  }

  private static Optional<MemoryReport> report(GatlingProcess run) throws IOException {
    Optional<Path> folder = run.runFolder();
    if (folder.isEmpty() || !folder.get().resolve("memory.json").toFile().isFile()) {
      return Optional.empty();
    }
    return Optional.of(MemoryJson.read(folder.get().resolve("memory.json")));
  }

  /** "main.(*blobStore).leakySpoolBlob" → "leakySpoolBlob": what any frame or label naming it contains. */
  private static String simpleName(String function) {
    return function.substring(function.lastIndexOf('.') + 1);
  }

  private static String tail(String output) {
    return output.length() > 400 ? output.substring(output.length() - 400) : output;
  }

  private static String table(List<Row> rows) {
    StringBuilder table = new StringBuilder("\nDetection matrix\n");
    table.append(String.format("%-24s %-26s %-18s %-9s %-8s %s%n", "pattern", "simulation", "check", "status",
        "names fn", "result"));
    for (Row row : rows) {
      table.append(String.format("%-24s %-26s %-18s %-9s %-8s %s%n", row.pattern(), row.simulation(), row.check(),
          row.status(), row.namesFunction() ? "yes" : "NO", row.ok() ? "ok" : "WRONG: " + row.message()));
    }
    return table.toString();
  }
}
