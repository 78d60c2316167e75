package io.ginpreflight.watch;

import static io.ginpreflight.report.Signals.OPEN_FDS;
import static io.ginpreflight.report.Signals.RSS_BYTES;
import static io.ginpreflight.report.Signals.TEMP_BYTES;
import static io.ginpreflight.report.Signals.TEMP_FILES;
import static io.ginpreflight.report.Signals.THREADS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

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
  public Map<String, Measurement> read() {
    Map<String, Measurement> signals = new LinkedHashMap<>();
    Path proc = Path.of("/proc", Long.toString(pid));
    signals.put(OPEN_FDS, countEntries(proc.resolve("fd")));
    List<String> status = readLines(proc.resolve("status"));
    signals.put(RSS_BYTES, statusField(status, "VmRSS:", 1024));
    signals.put(THREADS, statusField(status, "Threads:", 1));
    tempDir.ifPresentOrElse(dir -> {
      TempUsage usage = TempUsage.of(dir);
      signals.put(TEMP_FILES, usage.files());
      signals.put(TEMP_BYTES, usage.bytes());
    }, () -> {
      Measurement none = Measurement.failed("no temp directory is known for pid " + pid
          + " (set preflight.target.temp-dir)");
      signals.put(TEMP_FILES, none);
      signals.put(TEMP_BYTES, none);
    });
    return signals;
  }

  @Override
  public Optional<String> death() {
    return death.get();
  }

  @Override
  public Map<String, String> offered() {
    Map<String, String> offered = new LinkedHashMap<>();
    offered.put("procfs", Files.isReadable(Path.of("/proc", Long.toString(pid), "status"))
        ? "yes (pid " + pid + ")" : "no: /proc/" + pid + "/status cannot be read");
    offered.put("temp dir", tempDir.map(d -> "yes (" + d + ")").orElse("no: no temp directory is known"));
    return offered;
  }

  private static Measurement countEntries(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return Measurement.of(entries.count());
    } catch (IOException | UncheckedIOException e) {
      return Measurement.failed(dir + " cannot be read (" + e.getMessage() + ")");
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** A line such as {@code VmRSS:     18004 kB}: the number times {@code scale}. */
  static Measurement statusField(List<String> status, String field, long scale) {
    for (String line : status) {
      if (line.startsWith(field)) {
        String[] parts = line.substring(field.length()).trim().split("\\s+");
        try {
          return Measurement.of(Long.parseLong(parts[0]) * scale);
        } catch (NumberFormatException e) {
          return Measurement.failed("/proc status line '" + line + "' has no number");
        }
      }
    }
    return Measurement.failed("/proc status has no " + field + " line (has the process exited?)");
  }

  /** Files and bytes under a directory; files vanishing mid-walk are the target at work, not errors. */
  private record TempUsage(Measurement files, Measurement bytes) {
    static TempUsage of(Path dir) {
      long[] totals = new long[2];
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.forEach(path -> {
          try {
            if (Files.isRegularFile(path)) {
              totals[1] += Files.size(path);
              totals[0]++;
            }
          } catch (IOException vanished) {
            // Deleted between listing and sizing: it is no longer there, so it does not count.
          }
        });
      } catch (IOException | UncheckedIOException e) {
        Measurement failed = Measurement.failed("temp directory " + dir + " cannot be read (" + e.getMessage() + ")");
        return new TempUsage(failed, failed);
      }
      return new TempUsage(Measurement.of(totals[0]), Measurement.of(totals[1]));
    }
  }
}
