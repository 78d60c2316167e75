package io.ginpreflight.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a process's log, to quote when it fails. */
public final class LogTail {

  private LogTail() {}

  public static String of(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
      return tail.isEmpty() ? "(its log is empty)" : "  | " + String.join("\n  | ", tail);
    } catch (IOException e) {
      return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
    }
  }
}
