package io.ginpreflight.target;

import java.util.Map;

/**
 * How a process ended, in words. Java reports a process killed by signal n as exit value 128 + n (the
 * shell convention), so a program that itself calls {@code exit(137)} reads as killed by SIGKILL too;
 * Go programs exit with 0, 1 or 2 (2 for a panic), so for them the reading is unambiguous.
 */
public final class ExitStatus {

  private static final int SIGNAL_BASE = 128;
  private static final Map<Integer, String> SIGNAL_NAMES = Map.ofEntries(
      Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
      Map.entry(5, "SIGTRAP"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"),
      Map.entry(9, "SIGKILL"), Map.entry(10, "SIGUSR1"), Map.entry(11, "SIGSEGV"), Map.entry(12, "SIGUSR2"),
      Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"));
  /** Linux has 64 signals; above that an exit value is a plain exit code. */
  private static final int LAST_SIGNAL = 64;

  private ExitStatus() {}

  /** "exited with code 1", "was killed by signal 9 (SIGKILL)". */
  public static String describe(int exitValue) {
    int signal = exitValue - SIGNAL_BASE;
    if (signal >= 1 && signal <= LAST_SIGNAL) {
      String name = SIGNAL_NAMES.get(signal);
      return "was killed by signal " + signal + (name == null ? "" : " (" + name + ")");
    }
    return "exited with code " + exitValue;
  }
}
