package io.ginpreflight.target;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A target process on this machine, started by the suite or attached by PID: the watch may read its
 * descriptors, RSS and threads from {@code /proc/<pid>} and count its temp directory, and can tell
 * when it has died.
 */
public interface LocalProcess {

  /** The process whose {@code /proc} entry is read: the service itself, not a launcher like {@code go run}. */
  long pid();

  /** The directory its temp files go to, when known: the private TMPDIR, or the one named in config. */
  Optional<Path> tempDir();

  /** Whether the service still runs; a zombie does not. */
  boolean isAlive();

  /**
   * Why the service is no longer running, in a sentence fit for a verdict: how it ended (exit code or
   * signal, when known) and the last lines of its log (when the suite captured one). Empty while it
   * runs.
   */
  Optional<String> death();
}
