package io.ginpreflight.target;

import java.util.Optional;

/**
 * The target of one run and whatever the run started for it (gin-lab, or the user's service), which
 * {@link #close()} stops. An attached or remote service is never stopped.
 */
public final class OwnedTarget implements AutoCloseable {

  private final Target target;
  private final Optional<AutoCloseable> started;

  OwnedTarget(Target target, Optional<AutoCloseable> started) {
    this.target = target;
    this.started = started;
  }

  public Target target() {
    return target;
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
