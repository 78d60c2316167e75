package io.ginpreflight.bench;

import io.ginpreflight.config.LabSettings;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.config.ProbeSettings;
import io.ginpreflight.signal.SignalClient;
import io.ginpreflight.target.EmbeddedLab;
import io.ginpreflight.target.Target;
import io.ginpreflight.watch.LocalSignals;
import io.ginpreflight.watch.MemoryWatch;
import io.ginpreflight.watch.ProcfsSignals;
import io.ginpreflight.watch.SignalEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the watch costs the target: wrk's requests per second on the fixed gin-lab with no watch, with the
 * continuous sampler (every 1 s, as a run does between probes), and with the sampler plus a full probe
 * (settle, two forced GCs, profiles) every 5 s. The modes alternate in one process, A B C then C B A, so
 * drift on a shared machine falls on all of them alike. A benchmark, not a test: it prints, never asserts.
 *
 * <p>{@code -Dbench.cycles=3 -Dbench.seconds=15 -Dbench.connections=32 -Dbench.threads=2}; wrk on PATH.
 * Run it with scripts/bench/overhead.sh.
 */
public final class WatchOverheadBenchmark {

  private static final int CYCLES = Integer.getInteger("bench.cycles", 3);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
  private static final int THREADS = Integer.getInteger("bench.threads", 2);
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);
  private static final Duration PROBE_EVERY = Duration.ofSeconds(5);

  enum Mode {
    NO_WATCH("no watch"),
    SAMPLING("sampling every 1 s"),
    SAMPLING_AND_PROBES("sampling every 1 s + probe every 5 s");

    final String label;

    Mode(String label) {
      this.label = label;
    }
  }

  private WatchOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path project = Path.of(System.getProperty("preflight.project-dir", ".")).toAbsolutePath().normalize();
    Path runDir = project.resolve("target/bench/overhead-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(runDir);
    PreflightConfig config = PreflightConfig.load();
    ProbeSettings probeSettings = ProbeSettings.from(config);
    LabSettings lab = LabSettings.from(config, project);
    Map<Mode, List<Double>> rates = new EnumMap<>(Mode.class);
    Map<Mode, List<Integer>> probes = new EnumMap<>(Mode.class);
    try (EmbeddedLab embedded = EmbeddedLab.start(lab, runDir)) {
      Target target = embedded.target();
      String url = target.baseUrl() + "/api/items/1";
      System.out.printf("target %s; wrk -t%d -c%d -d%ds %s; %d cycles%n", target.description(), THREADS,
          CONNECTIONS, SECONDS, url, CYCLES);
      wrk(url, 5); // warm-up: gin's pools, the JIT of nothing, the lab's first allocations; not counted
      for (int cycle = 1; cycle <= CYCLES; cycle++) {
        List<Mode> order = new ArrayList<>(List.of(Mode.values()));
        if (cycle % 2 == 0) {
          java.util.Collections.reverse(order);
        }
        for (Mode mode : order) {
          Path windowDir = Files.createDirectories(runDir.resolve("cycle" + cycle + "-" + mode.name().toLowerCase()));
          int[] probeCount = {0};
          double rate = window(mode, target, probeSettings, windowDir, url, probeCount);
          rates.computeIfAbsent(mode, m -> new ArrayList<>()).add(rate);
          probes.computeIfAbsent(mode, m -> new ArrayList<>()).add(probeCount[0]);
          System.out.printf("cycle %d  %-40s %10.1f requests/s  (%d probes)%n", cycle, mode.label, rate,
              probeCount[0]);
        }
      }
    }
    double baseline = median(rates.get(Mode.NO_WATCH));
    System.out.println();
    System.out.println("| mode | requests/s per window | median requests/s | ratio to no watch | probes per window |");
    System.out.println("|---|---|---|---|---|");
    for (Mode mode : Mode.values()) {
      double median = median(rates.get(mode));
      System.out.printf("| %s | %s | %.0f | %.3f | %s |%n", mode.label, rates.get(mode).stream()
          .map(r -> String.format("%.0f", r)).toList(), median, median / baseline, probes.get(mode));
    }
  }

  private static double window(Mode mode, Target target, ProbeSettings settings, Path dir, String url,
      int[] probeCount) throws Exception {
    if (mode == Mode.NO_WATCH) {
      return wrk(url, SECONDS);
    }
    Optional<LocalSignals> local = target.local()
        .map(process -> new ProcfsSignals(process.pid(), process.tempDir(), process::death));
    SignalEndpoints endpoints = new SignalEndpoints(Optional.of(target.metricsUrl()), target.pprofUrl(),
        Optional.of(target.baseUrl() + "/debug/vars"));
    // Built as PreflightRun builds it, so the sampler reads exactly what a run reads.
    try (MemoryWatch watch = new MemoryWatch(new SignalClient(settings.requestTimeout()), endpoints, local,
        settings, dir)) {
      watch.startSampling(SAMPLE_EVERY);
      ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
      try {
        if (mode == Mode.SAMPLING_AND_PROBES) {
          prober.scheduleWithFixedDelay(() -> {
            watch.probe(probeCount[0], "overhead probe " + (probeCount[0] + 1), true).join();
            probeCount[0]++;
          }, PROBE_EVERY.toMillis(), PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        return wrk(url, SECONDS);
      } finally {
        prober.shutdownNow();
        prober.awaitTermination(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Runs wrk for the given seconds and returns its "Requests/sec" line. Bounded: killed after twice that. */
  static double wrk(String url, int seconds) throws Exception {
    Process process = new ProcessBuilder("wrk", "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s", url)
        .redirectErrorStream(true).start();
    String output;
    try (var in = process.getInputStream()) {
      if (!process.waitFor(2L * seconds + 10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("wrk did not finish within " + (2 * seconds + 10) + " s");
      }
      output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(output);
    if (process.exitValue() != 0 || !m.find()) {
      throw new IllegalStateException("wrk failed (exit " + process.exitValue() + "):\n" + output);
    }
    if (output.contains("Non-2xx") || output.contains("Socket errors")) {
      System.out.println("wrk reported errors:\n" + output);
    }
    return Double.parseDouble(m.group(1));
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
