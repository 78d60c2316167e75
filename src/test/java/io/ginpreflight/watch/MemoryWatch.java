package io.ginpreflight.watch;

import io.ginpreflight.config.ProbeSettings;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Snapshot;
import io.ginpreflight.model.Source;
import io.ginpreflight.signal.SignalClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the target's memory for one run: continuous samples on one thread of its own, phase probes on
 * another. Gatling actions ask for a probe and are resumed when its future completes, so no Gatling
 * event loop ever waits on the target.
 */
public final class MemoryWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MemoryWatch.class);

  private final Capabilities capabilities;
  private final PhaseProbe probe;
  private final ContinuousSampler sampler;
  private final ExecutorService probeThread;
  private final Drain drain;
  private final Snapshot initial;
  private volatile String phase = "start";
  private volatile ProbeReading previous;

  public MemoryWatch(SignalClient client, SignalEndpoints endpoints, Optional<LocalSignals> local,
      ProbeSettings settings, Path runDir) {
    this(client, endpoints, local, Optional.empty(), settings, runDir);
  }

  /** @param goVersion the target's Go from its build info, for the advice when a profile is missing */
  public MemoryWatch(SignalClient client, SignalEndpoints endpoints, Optional<LocalSignals> local,
      Optional<String> goVersion, ProbeSettings settings, Path runDir) {
    this.capabilities = Capabilities.detect(client, endpoints, local, goVersion);
    // A pprof URL that does not answer at start would turn every heap reading into a failure; without
    // it the heap is estimated from metrics, and the reading says so.
    if (!capabilities.offers(Source.PPROF)) {
      endpoints = new SignalEndpoints(endpoints.metricsUrl(), Optional.empty(), endpoints.expvarUrl());
    }
    // Likewise metrics: a target with pprof alone has its goroutines counted from pprof instead.
    if (!capabilities.offers(Source.METRICS)) {
      endpoints = new SignalEndpoints(Optional.empty(), endpoints.pprofUrl(), endpoints.expvarUrl());
    }
    TargetSignals signals = new TargetSignals(client, endpoints, local, capabilities.offers(Source.EXPVAR));
    GoroutineLeakProfile leakProfile = new GoroutineLeakProfile(client,
        capabilities.offers(Source.GOROUTINE_LEAK) ? endpoints.pprofUrl() : Optional.empty());
    this.initial = withLeakedGoroutines(signals.readOnce(), leakProfile,
        capabilities.sources().get(Source.GOROUTINE_LEAK).detail());
    this.probe = new PhaseProbe(client, endpoints, signals, leakProfile, local, settings, runDir);
    this.drain = new Drain(signals::goroutines, Drain.descriptorsOf(local, signals));
    Path samplesFile = runDir.resolve("samples.jsonl");
    try {
      this.sampler = new ContinuousSampler(signals, new SampleLog(samplesFile), () -> phase);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the samples file " + samplesFile, e);
    }
    this.probeThread = Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "preflight-probe");
      t.setDaemon(true);
      return t;
    });
  }

  /** The cheap signals leave the leak profile out; what is missing at start is not offered, so read it once. */
  private static Snapshot withLeakedGoroutines(Snapshot read, GoroutineLeakProfile leakProfile, String whyNot) {
    Optional<GoroutineLeakProfile.Reading> leaked = leakProfile.read();
    java.util.Map<Signal, Measurement> signals = new java.util.HashMap<>(read.signals());
    // Not offered: the plan skips the check, and the log says how to switch it on.
    signals.put(Signal.LEAKED_GOROUTINES, leaked.map(GoroutineLeakProfile.Reading::leaked).orElse(
        Measurement.failed("the target offers no goroutineleak profile (" + whyNot + ")")));
    return new Snapshot(read.at(), signals);
  }

  public Capabilities capabilities() {
    return capabilities;
  }

  /** Every signal as read once at start: what is missing here, the target does not offer. */
  public Snapshot initial() {
    return initial;
  }

  public void startSampling(Duration interval) {
    sampler.start(interval);
  }

  /** Tags the samples that follow with the phase now in progress. */
  public void enterPhase(String name) {
    phase = name;
  }

  /**
   * A probe with no load before it and no profiles kept, taken now on the caller's thread: with the run's
   * first probe it measures how much the readings move when nothing happens.
   */
  public ProbeReading idleProbe() {
    ProbeReading reading = probe.take(-1, "idle, before any load", false).reading();
    LOG.info(describe(reading, null));
    return reading;
  }

  /**
   * Settles the target, forces GC, reads every signal and keeps the profiles, parsed, when asked to;
   * never completes exceptionally.
   */
  public CompletableFuture<Probe> probe(int index, String label, boolean keepProfiles) {
    return CompletableFuture.supplyAsync(() -> {
      String before = phase;
      phase = "probe " + (index + 1);
      Probe taken = probe.take(index, label, keepProfiles);
      phase = before;
      LOG.info(describe(taken.reading(), previous));
      previous = taken.reading();
      return taken;
    }, probeThread);
  }

  /**
   * Waits with no load until goroutines and descriptors are back down to these counts (empty: nothing to
   * wait for), or the grace period ends; heap growth alone waits the whole grace. Runs where the probes run,
   * so it never overlaps one; completes with how long it waited.
   */
  public CompletableFuture<Duration> awaitDrain(OptionalLong goroutinesAtMost, OptionalLong descriptorsAtMost,
      boolean wholeGrace, Duration grace) {
    return CompletableFuture.supplyAsync(() -> {
      Duration waited = drain.await(goroutinesAtMost, descriptorsAtMost, wholeGrace, grace);
      LOG.info("waited {} ms with no load for a second look (goroutines at most {}, descriptors at most {})",
          waited.toMillis(), text(goroutinesAtMost), text(descriptorsAtMost));
      return waited;
    }, probeThread);
  }

  private static String text(OptionalLong count) {
    return count.isPresent() ? Long.toString(count.getAsLong()) : "any";
  }

  static String describe(ProbeReading reading, ProbeReading previous) {
    if (reading.death().isPresent()) {
      return "memory probe " + reading.label() + ": the target died: " + reading.death().get();
    }
    StringBuilder line = new StringBuilder("memory probe ").append(reading.label()).append(": heap ");
    line.append(format(reading, previous, Signal.POST_GC_HEAP_BYTES));
    line.append(", goroutines ").append(format(reading, previous, Signal.GOROUTINES));
    Measurement fds = reading.get(Signal.OPEN_FDS);
    if (fds.isMeasured()) {
      line.append(", fds ").append(format(reading, previous, Signal.OPEN_FDS));
    }
    Measurement temp = reading.get(Signal.TEMP_FILES);
    if (temp.isMeasured()) {
      line.append(", temp files ").append(format(reading, previous, Signal.TEMP_FILES));
    }
    line.append(" (probe took ").append(reading.took().toMillis()).append(" ms)");
    return line.toString();
  }

  private static String format(ProbeReading reading, ProbeReading previous, Signal signal) {
    Measurement now = reading.get(signal);
    if (!now.isMeasured()) {
      return "unmeasured (" + now.failure() + ")";
    }
    String value = signal.unit().format(now.value());
    Measurement before = previous == null ? null : previous.get(signal);
    if (before != null && before.isMeasured()) {
      long change = now.value() - before.value();
      value += " (" + (change >= 0 ? "+" : "") + signal.unit().format(change) + ")";
    }
    if (!now.source().isEmpty() && !now.source().equals(PhaseProbe.HEAP_SOURCE)) {
      value += " [" + now.source() + "]";
    }
    return now.note().isEmpty() ? value : value + " [" + now.note() + "]";
  }

  @Override
  public void close() {
    sampler.close();
    probeThread.shutdownNow();
    try {
      probeThread.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
