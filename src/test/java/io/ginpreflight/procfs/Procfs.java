package io.ginpreflight.procfs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where Linux publishes its processes. Other systems have no {@code /proc}: their signals are unavailable. */
public final class Procfs {

  static final Path ROOT = Path.of("/proc");

  private Procfs() {}

  /** Whether this machine has a Linux-style {@code /proc} to read the signals of local processes from. */
  public static boolean isAvailable() {
    return Files.isDirectory(ROOT.resolve("self").resolve("fd"));
  }

  /** The directory of one process; it exists exactly as long as the process (zombies included). */
  public static Path processDir(long pid) {
    return ROOT.resolve(Long.toString(pid));
  }
}
