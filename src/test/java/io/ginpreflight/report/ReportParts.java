package io.ginpreflight.report;

import java.util.List;
import java.util.Map;

/**
 * Null-safe access to a report's parts. A report written by an interrupted run, or by an older or newer
 * writer, may lack any of them, and the pages must still render what is there.
 */
final class ReportParts {

  private ReportParts() {}

  static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }

  static <K, V> Map<K, V> map(Map<K, V> values) {
    return values == null ? Map.of() : values;
  }

  static String text(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
