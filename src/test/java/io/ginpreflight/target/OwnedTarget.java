package io.ginpreflight.target;

import java.util.Optional;

/**
 * The target of one run and whatever the run started for it (gin-lab, or the user's service), which
 * {@link #close()} stops. An attached or remote service is never stopped.
 */
public final class OwnedTarget implements AutoCloseable {

  private final Target target;
  private final Optional<AutoCloseable> started;
  private final HeapSampling sampling;

  OwnedTarget(Target target, Optional<AutoCloseable> started, HeapSampling sampling) {
    this.target = target;
    this.started = started;
    this.sampling = sampling;
  }

  public Target target() {
    return target;
  }

  /** How finely its heap profile was asked to sample, and by whom. */
  public HeapSampling sampling() {
    return sampling;
  }

  /** Stops what the run started. Never throws: the run must still write its report. */
  @Override
  public void close() {
    started.ifPresent(process -> {
      try {
        process.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(OwnedTarget.class).warn("stopping {} failed: {}", target.description(), e.toString());
      }
    });
  }
}
