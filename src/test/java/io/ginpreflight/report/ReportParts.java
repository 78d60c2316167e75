package io.ginpreflight.report;

import io.ginpreflight.model.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

  /**
   * The map without the keys this reader does not know: a newer writer's signal or profile kind is
   * read as a null key (see {@link io.ginpreflight.model.Json}), and ignored like an unknown field.
   */
  static <K, V> Map<K, V> knownKeys(Map<K, V> values) {
    if (values == null || values.keySet().stream().noneMatch(Objects::isNull)) {
      return values;
    }
    Map<K, V> known = new LinkedHashMap<>(values);
    known.remove(null);
    return known;
  }

  /** A check's status; one a report lacks was never measured. */
  static Status status(Status status) {
    return status == null ? Status.INCONCLUSIVE : status;
  }

  static String text(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
