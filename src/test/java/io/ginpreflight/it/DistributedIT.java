package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.config.LabSettings;
import io.ginpreflight.gatling.GeneratorTimeline;
import io.ginpreflight.gatling.GeneratorTimeline.ProbeTimes;
import io.ginpreflight.gatling.GeneratorTimeline.StepTimes;
import io.ginpreflight.gatling.GeneratorTimeline.Timeline;
import io.ginpreflight.target.EmbeddedLab;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.MavenRun;
import io.ginpreflight.testkit.RequiresGo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A distributed run as Gatling Enterprise makes it, stood in for by two Gatling JVMs at once against one
 * gin-lab, each dividing the load with preflight.generators.* as Enterprise does: exactly one holds the
 * probe user and probes, judges and reports; every probe falls between the same load steps on both (from
 * each generator's own request times in generator.json); the leaky lab fails on the probing generator
 * with the usual message, and the fixed lab passes on both.
 */
@RequiresGo("to build gin-lab")
class DistributedIT {

  private static final String BINDING = "io.ginpreflight.simulations.BindingSimulation";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  /** Time for both JVMs to start and read the target before the shared schedule begins. */
  private static final Duration START_LEAD = Duration.ofSeconds(15);
  private static final Pattern HEAP_KO = Pattern.compile(
      "KO memory: heap growth \\[binding\\]: heap \\+[0-9.]+ MiB in phase \"binding\"; "
          + "top growth: main\\.[A-Za-z.()*]*leaky[A-Za-z.()*]* \\(leak_[a-z_]+\\.go:[0-9]+\\) [0-9.]+ MiB[^;\\n]*; "
          + "post-GC HeapAlloc before [0-9.]+ (B|KiB|MiB), after [0-9.]+ MiB; limit 4\\.0 MiB");

  private record Generator(int index, GatlingProcess run) {
    boolean probed() {
      return run.output.contains("this generator holds the probe user");
    }
  }

  @Test
  void fixedLabPassesOnBothAndTheOneProberProbesBetweenTheSameLoadStepsAsTheOther() throws Exception {
    List<Generator> generators;
    try (EmbeddedLab lab = startLab("none")) {
      generators = twoGenerators(lab, Map.of());
    }

    Generator prober = onlyProber(generators);
    Generator other = generators.get(1 - prober.index());
    for (Generator g : generators) {
      assertEquals(0, g.run().exitCode, "generator " + g.index() + ":\n" + g.run().output);
    }
    assertTrue(prober.run().output.contains("OK memory: heap growth [binding]"), prober.run().output);
    assertTrue(prober.run().output.contains("Memory report:  file://"), prober.run().output);
    assertWatchedNothing(other);

    Timeline probing = timeline(prober);
    Timeline watching = timeline(other);
    assertTrue(probing.probing() && !watching.probing());
    assertEquals(5, probing.probes().size(), "probes: " + probing.probes());
    for (Timeline t : List.of(probing, watching)) {
      assertEquals(4, t.steps().size(), "steps of " + t.generator());
      for (StepTimes step : t.steps()) {
        assertNotNull(step.firstSent(), t.generator() + " sent no request in " + step.scenario());
        assertTrue(step.requests() > 0, t.generator() + ": " + step);
      }
      // Every probe after the previous step's last response and before the next step's first request,
      // on both generators: the load of each step falls between the same two probes.
      for (ProbeTimes probe : probing.probes()) {
        assertFalse(probe.overran(), "probe overran its slot: " + probe);
        if (probe.index() > 0) {
          Instant lastBefore = t.steps().get(probe.index() - 1).lastAnswered();
          assertTrue(lastBefore.isBefore(probe.started()), t.generator() + ": step " + (probe.index() - 1)
              + " answered at " + lastBefore + ", after probe " + probe.index() + " began at " + probe.started());
        }
        if (probe.index() < t.steps().size()) {
          Instant firstAfter = t.steps().get(probe.index()).firstSent();
          assertTrue(firstAfter.isAfter(probe.ended()), t.generator() + ": step " + probe.index() + " sent at "
              + firstAfter + ", before probe " + probe.index() + " ended at " + probe.ended());
        }
      }
    }
    assertEquals(List.of(), MavenRun.labProcesses(), "gin-lab left running");
  }

  @Test
  void leakyLabFailsOnTheProbingGeneratorWithTheUsualMessageAndTheOtherDoesNotFailOnMissingVerdicts()
      throws Exception {
    List<Generator> generators;
    try (EmbeddedLab lab = startLab("global-map")) {
      // One judged round is enough for a heap leak this size, and keeps the test short.
      generators = twoGenerators(lab, Map.of("preflight.families.binding.load.quick.rounds", "1"));
    }

    Generator prober = onlyProber(generators);
    Generator other = generators.get(1 - prober.index());
    assertNotEquals(0, prober.run().exitCode, prober.run().output);
    assertTrue(HEAP_KO.matcher(prober.run().output).find(), "no KO heap message in the usual format:\n"
        + prober.run().output);
    assertTrue(prober.run().output.contains("count of failed events is 0.0 : false"), prober.run().output);
    assertEquals(0, other.run().exitCode, other.run().output);
    assertWatchedNothing(other);
    assertFalse(other.run().output.contains("KO memory"), other.run().output);
    assertEquals(List.of(), MavenRun.labProcesses(), "gin-lab left running");
  }

  /** Both generators at once, on a schedule that starts at the same instant for both. */
  private static List<Generator> twoGenerators(EmbeddedLab lab, Map<String, String> extra) throws Exception {
    Instant startAt = Instant.now().plus(START_LEAD).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<CompletableFuture<Generator>> runs = new java.util.ArrayList<>();
    for (int index = 0; index < 2; index++) {
      Map<String, String> properties = new HashMap<>(Map.of(
          "preflight.distributed", "true",
          "preflight.generators.count", "2",
          "preflight.generators.index", String.valueOf(index),
          "preflight.schedule.start-at", startAt.toString(),
          // Short slots for a short test: the settle timeout must stay under the slot.
          "preflight.schedule.probe-slot", "6s",
          "preflight.probe.settle.timeout", "4s",
          "preflight.schedule.drain", "6s"));
      properties.putAll(Map.of(
          "preflight.config", GatlingProcess.projectDir().resolve("src/test/resources/gin-lab.conf").toString(),
          "preflight.target.url", lab.target().baseUrl(),
          "preflight.pprof.url", lab.target().pprofUrl().orElseThrow(),
          "preflight.target.pid", String.valueOf(lab.pid()),
          "preflight.target.temp-dir", lab.tempDir().toString()));
      properties.putAll(extra);
      int generator = index;
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          return new Generator(generator, GatlingProcess.run(BINDING, properties, RUN_TIMEOUT));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    return runs.stream().map(CompletableFuture::join).toList();
  }

  private static Generator onlyProber(List<Generator> generators) {
    List<Generator> probers = generators.stream().filter(Generator::probed).toList();
    assertEquals(1, probers.size(), "generators that held the probe user: "
        + probers.stream().map(Generator::index).toList() + "\n" + generators.get(0).run().output + "\n"
        + generators.get(1).run().output);
    assertEquals(0, probers.get(0).index(), "Gatling's Shard gives a single user to the first generator");
    return probers.get(0);
  }

  private static void assertWatchedNothing(Generator other) throws Exception {
    String output = other.run().output;
    assertTrue(output.contains("this generator held no probe user, so it watched and judged nothing"), output);
    assertFalse(output.contains("MemoryWatch - memory probe"), output);
    assertFalse(output.contains("Memory report:"), output);
    Path gatlingFolder = other.run().runFolder().orElseThrow(() -> new AssertionError("no Gatling folder:\n" + output));
    Path preflightFolder = other.run().preflightFolder().orElseThrow();
    for (String file : List.of("memory.json", "memory.html", "memory-junit.xml")) {
      assertFalse(Files.exists(gatlingFolder.resolve(file)), file + " in " + gatlingFolder);
      assertFalse(Files.exists(preflightFolder.resolve(file)), file + " in " + preflightFolder);
    }
  }

  private static Timeline timeline(Generator generator) throws Exception {
    Path folder = generator.run().preflightFolder()
        .orElseThrow(() -> new AssertionError("no run folder:\n" + generator.run().output));
    return GeneratorTimeline.read(folder.resolve(GeneratorTimeline.FILE));
  }

  private static EmbeddedLab startLab(String leaks) throws Exception {
    Path runDir = Files.createTempDirectory(GatlingProcess.projectDir().resolve("target"), "it-lab-");
    return EmbeddedLab.start(new LabSettings(GatlingProcess.projectDir().resolve("gin-lab"), leaks, true,
        Duration.ofMinutes(2)), runDir);
  }
}
