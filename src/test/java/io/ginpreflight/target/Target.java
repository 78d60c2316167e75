package io.ginpreflight.target;

import io.ginpreflight.procfs.Procfs;
import java.util.Optional;

/**
 * The service under test, as the watch sees it: where to send load and where to read its signals.
 * {@code pprofUrl} is the pprof root (ending in {@code /debug/pprof}), empty when the target has none.
 * {@code local} is present when the service runs on this machine (started by the suite or attached by
 * PID): then the watch also reads its descriptors, RSS, threads and temp files from the OS.
 */
public record Target(String baseUrl, String metricsUrl, Optional<String> pprofUrl, String description,
    Optional<LocalProcess> local) {

  /** A remote target: HTTP signals only. */
  public Target(String baseUrl, String metricsUrl, Optional<String> pprofUrl, String description) {
    this(baseUrl, metricsUrl, pprofUrl, description, Optional.empty());
  }

  /**
   * Why open descriptors, RSS and threads cannot be read for this target, as a reason for the report;
   * empty when they can.
   */
  public Optional<String> processSignalsUnavailable() {
    if (local.isEmpty()) {
      return Optional.of("the target is remote (preflight.target.url only): descriptors, RSS and threads are "
          + "read from /proc for a service the suite starts (preflight.target.command) or attaches to "
          + "(preflight.target.pid)");
    }
    if (!Procfs.isAvailable()) {
      return Optional.of("this system has no /proc (" + System.getProperty("os.name") + "): descriptors, RSS "
          + "and threads are read on Linux only");
    }
    return Optional.empty();
  }

  /** Why temp files cannot be counted for this target, as a reason for the report; empty when they can. */
  public Optional<String> tempFilesUnavailable() {
    if (local.isEmpty()) {
      return Optional.of("the target is remote (preflight.target.url only): temp files are counted for a "
          + "service the suite starts (preflight.target.command), or one attached by PID with "
          + "preflight.target.temp-dir set");
    }
    if (local.get().tempDir().isEmpty()) {
      return Optional.of("the temp directory of the attached process is unknown: set preflight.target.temp-dir "
          + "to its TMPDIR");
    }
    return Optional.empty();
  }
}
