package io.ginpreflight.watch;

import static io.ginpreflight.model.Signal.OPEN_FDS;
import static io.ginpreflight.model.Signal.RSS_BYTES;
import static io.ginpreflight.model.Signal.TEMP_BYTES;
import static io.ginpreflight.model.Signal.TEMP_FILES;
import static io.ginpreflight.model.Signal.THREADS;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Source;
import io.ginpreflight.procfs.DescriptorGroups;
import io.ginpreflight.procfs.DescriptorListing;
import io.ginpreflight.procfs.OpenDescriptors;
import io.ginpreflight.procfs.TempFileGroups;
import io.ginpreflight.procfs.ProcStatus;
import io.ginpreflight.procfs.ProcfsUnavailable;
import io.ginpreflight.procfs.TempDirUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operating system's view of a local target: descriptors in /proc/PID/fd, VmRSS and Threads in
 * /proc/PID/status, and the files in its temp directory (which no in-process signal shows).
 */
public final class ProcfsSignals implements LocalSignals {

  private final long pid;
  private final Optional<Path> tempDir;
  private final Supplier<Optional<String>> death;

  public ProcfsSignals(long pid, Optional<Path> tempDir, Supplier<Optional<String>> death) {
    this.pid = pid;
    this.tempDir = tempDir;
    this.death = death;
  }

  @Override
  public Map<Signal, Measurement> read() {
    Map<Signal, Measurement> signals = new EnumMap<>(Signal.class);
    try {
      signals.put(OPEN_FDS, Measurement.of(OpenDescriptors.count(pid)));
    } catch (ProcfsUnavailable e) {
      signals.put(OPEN_FDS, Measurement.failed(e.getMessage()));
    }
    try {
      ProcStatus status = ProcStatus.read(pid);
      signals.put(RSS_BYTES, Measurement.of(status.rssBytes()));
      signals.put(THREADS, Measurement.of(status.threads()));
    } catch (ProcfsUnavailable e) {
      signals.put(RSS_BYTES, Measurement.failed(e.getMessage()));
      signals.put(THREADS, Measurement.failed(e.getMessage()));
    }
    Measurement files;
    Measurement bytes;
    if (tempDir.isEmpty()) {
      files = bytes = Measurement.failed("no temp directory is known for pid " + pid
          + " (set preflight.target.temp-dir)");
    } else {
      try {
        TempDirUsage usage = TempDirUsage.of(tempDir.get());
        files = Measurement.of(usage.files());
        bytes = Measurement.of(usage.bytes());
      } catch (ProcfsUnavailable e) {
        files = bytes = Measurement.failed(e.getMessage());
      }
    }
    signals.put(TEMP_FILES, files);
    signals.put(TEMP_BYTES, bytes);
    return signals;
  }

  @Override
  public Optional<String> descriptorListing() {
    try {
      return Optional.of(DescriptorGroups.listing(DescriptorListing.of(pid)));
    } catch (ProcfsUnavailable e) {
      return Optional.empty();  // The count says why; the listing only says where.
    }
  }

  @Override
  public Optional<String> tempFileListing() {
    try {
      return tempDir.map(TempFileGroups::listing);
    } catch (ProcfsUnavailable e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> death() {
    return death.get();
  }

  @Override
  public Map<Source, Availability> offered() {
    Map<Source, Availability> offered = new LinkedHashMap<>();
    offered.put(Source.PROCFS, Files.isReadable(Path.of("/proc", Long.toString(pid), "status"))
        ? Availability.yes("pid " + pid) : Availability.no("/proc/" + pid + "/status cannot be read"));
    offered.put(Source.TEMP_DIR, tempDir.map(d -> Availability.yes(d.toString()))
        .orElse(Availability.no("no temp directory is known")));
    return offered;
  }
}
