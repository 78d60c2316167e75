package io.ginpreflight.watch;

import io.ginpreflight.model.Sample;
import io.ginpreflight.model.Snapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Samples every cheap signal at a fixed interval on a thread of its own, tagged with the phase. */
final class ContinuousSampler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ContinuousSampler.class);

  private final TargetSignals signals;
  private final SampleLog log;
  private final Supplier<String> phase;
  private final ScheduledExecutorService thread;
  private volatile boolean warned;

  ContinuousSampler(TargetSignals signals, SampleLog log, Supplier<String> phase) {
    this.signals = signals;
    this.log = log;
    this.phase = phase;
    this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "preflight-sampler");
      t.setDaemon(true);
      return t;
    });
  }

  void start(Duration interval) {
    thread.scheduleAtFixedRate(this::sampleOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sampleOnce() {
    try {
      Snapshot snapshot = signals.read();
      log.append(Sample.of(snapshot.at(), phase.get(), snapshot.values()));
    } catch (IOException | RuntimeException e) {
      // A scheduled task that throws is never run again: log once and keep sampling.
      if (!warned) {
        warned = true;
        LOG.warn("a continuous sample failed ({}); sampling goes on", e.toString());
      }
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(2, TimeUnit.SECONDS);
      log.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("samples file {} could not be closed: {}", log.file(), e.getMessage());
    }
  }
}
