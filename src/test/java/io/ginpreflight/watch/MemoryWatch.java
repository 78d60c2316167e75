package io.ginpreflight.watch;

import io.ginpreflight.config.ProbeSettings;
import io.ginpreflight.signal.MemStatsBlock;
import io.ginpreflight.signal.PrometheusText;
import io.ginpreflight.signal.SignalClient;
import io.ginpreflight.signal.SignalUnavailable;
import io.ginpreflight.target.Target;
import io.ginpreflight.verdict.Bytes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the target's memory signals on a thread of its own. Gatling actions ask for a probe and are
 * resumed when its future completes, so no Gatling event loop ever waits on the target.
 */
public final class MemoryWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MemoryWatch.class);
  private static final String GOROUTINES = "go_goroutines";

  private final Target target;
  private final ProbeSettings settings;
  private final SignalClient client;
  private final ExecutorService thread;
  private volatile ProbeReading previous;

  public MemoryWatch(Target target, ProbeSettings settings) {
    this.target = target;
    this.settings = settings;
    this.client = new SignalClient(settings.requestTimeout());
    this.thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "preflight-memory-watch");
      t.setDaemon(true);
      return t;
    });
  }

  /** Settles the target, forces GC, and reads heap and goroutines; never completes exceptionally. */
  public CompletableFuture<ProbeReading> probe(String label) {
    return CompletableFuture.supplyAsync(() -> takeProbe(label), thread);
  }

  private ProbeReading takeProbe(String label) {
    Instant start = Instant.now();
    Measurement goroutines = settledGoroutines();
    Measurement heap = postGcHeap();
    if (goroutines.isMeasured()) {
      // GC runs finalizers, which can end goroutines (closed files, connections): read once more.
      Measurement afterGc = goroutineCount();
      if (afterGc.isMeasured()) {
        goroutines = Measurement.of(afterGc.value(), goroutines.note());
      }
    }
    ProbeReading reading = new ProbeReading(label, start, Duration.between(start, Instant.now()), heap, goroutines);
    LOG.info(describe(reading, previous));
    previous = reading;
    return reading;
  }

  private Measurement settledGoroutines() {
    long deadline = System.nanoTime() + settings.settleTimeout().toNanos();
    long last = Long.MIN_VALUE;
    int equalInARow = 0;
    Measurement current;
    while (true) {
      current = goroutineCount();
      if (!current.isMeasured()) {
        return current;
      }
      equalInARow = current.value() == last ? equalInARow + 1 : 1;
      last = current.value();
      if (equalInARow >= settings.stableSamples()) {
        return current;
      }
      if (System.nanoTime() >= deadline) {
        return current.withNote("goroutines had not settled after " + settings.settleTimeout().toSeconds() + " s");
      }
      sleep(settings.settleInterval());
    }
  }

  private Measurement goroutineCount() {
    try {
      return Measurement.of(PrometheusText.parse(client.get(target.metricsUrl())).requireLong(GOROUTINES));
    } catch (SignalUnavailable e) {
      return Measurement.failed(e.getMessage());
    }
  }

  private Measurement postGcHeap() {
    if (target.pprofUrl().isEmpty()) {
      return Measurement.failed("the target exposes no pprof (set preflight.pprof.url)");
    }
    String url = target.pprofUrl().get() + "/heap?gc=1&debug=1";
    try {
      String profile = "";
      // Each request runs runtime.GC() before writing; the last one's MemStats is post-GC.
      for (int run = 0; run < settings.gcRuns(); run++) {
        profile = client.get(url);
      }
      return Measurement.of(MemStatsBlock.parse(profile).require("HeapAlloc"));
    } catch (SignalUnavailable e) {
      return Measurement.failed(e.getMessage());
    }
  }

  static String describe(ProbeReading reading, ProbeReading previous) {
    StringBuilder line = new StringBuilder("memory probe ").append(reading.label()).append(": heap ");
    line.append(format(reading.postGcHeapBytes(), true, previous == null ? null : previous.postGcHeapBytes()));
    line.append(", goroutines ");
    line.append(format(reading.goroutines(), false, previous == null ? null : previous.goroutines()));
    line.append(" (probe took ").append(reading.took().toMillis()).append(" ms)");
    return line.toString();
  }

  private static String format(Measurement now, boolean bytes, Measurement before) {
    if (!now.isMeasured()) {
      return "unmeasured (" + now.failure() + ")";
    }
    String value = bytes ? Bytes.format(now.value()) : Long.toString(now.value());
    if (before != null && before.isMeasured()) {
      long change = now.value() - before.value();
      value += " (" + (change >= 0 ? "+" : "") + (bytes ? Bytes.format(change) : Long.toString(change)) + ")";
    }
    return now.note().isEmpty() ? value : value + " [" + now.note() + "]";
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
