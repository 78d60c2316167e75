package io.ginpreflight.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code /proc/<pid>/status} says about a process's memory and threads. RSS counts pages the
 * process touches, including those the Go runtime has released but the kernel not yet reclaimed, so
 * it is what the machine pays, not what the heap holds.
 *
 * @param state the one-letter state: R running, S sleeping, D disk wait, Z zombie, ...
 * @param rssBytes resident set size ({@code VmRSS})
 * @param threads OS threads ({@code Threads}); for Go, Ms, not goroutines
 */
public record ProcStatus(char state, long rssBytes, long threads) {

  public static ProcStatus read(long pid) {
    return read(Procfs.ROOT, pid);
  }

  static ProcStatus read(Path procRoot, long pid) {
    Path file = procRoot.resolve(Long.toString(pid)).resolve("status");
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file);
    } catch (NoSuchFileException e) {
      throw new ProcfsUnavailable("process " + pid + " is gone (" + file + " does not exist)");
    } catch (IOException e) {
      throw new ProcfsUnavailable(file + " cannot be read: " + e.getMessage());
    }
  }

  /** Parses the text of a status file; {@code source} only names it in errors. */
  static ProcStatus parse(String text, Path source) {
    Map<String, String> fields = new HashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    String state = require(fields, "State", source);
    // Kernel threads and zombies have no VmRSS line: they hold no user memory.
    long rssBytes = fields.containsKey("VmRSS") ? kibibytes(fields.get("VmRSS"), source) : 0;
    return new ProcStatus(state.charAt(0), rssBytes, number(require(fields, "Threads", source), "Threads", source));
  }

  public boolean isZombie() {
    return state == 'Z' || state == 'X';
  }

  private static String require(Map<String, String> fields, String name, Path source) {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      throw new ProcfsUnavailable(source + " has no " + name + " line");
    }
    return value;
  }

  private static long kibibytes(String value, Path source) {
    if (!value.endsWith(" kB")) {
      throw new ProcfsUnavailable(source + " gives VmRSS as '" + value + "', expected a number of kB");
    }
    return number(value.substring(0, value.length() - 3).trim(), "VmRSS", source) * 1024;
  }

  private static long number(String value, String name, Path source) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ProcfsUnavailable(source + " gives " + name + " as '" + value + "', expected a whole number");
    }
  }
}
