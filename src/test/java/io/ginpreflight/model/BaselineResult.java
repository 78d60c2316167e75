package io.ginpreflight.model;

import java.util.List;

/**
 * The baseline check of one judged phase: each of its figures against the median of the last comparable
 * runs. The status is the worst of the judged figures (KO over INCONCLUSIVE over OK); NOT_JUDGED when none
 * had enough runs to compare with.
 */
public record BaselineResult(String phase, BaselineStatus status, String message,
    List<BaselineComparison> figures) {

  public BaselineResult {
    figures = figures == null ? List.of() : List.copyOf(figures);
  }

  /** The record's name in Gatling's results, e.g. {@code memory: baseline [binding]}. */
  public static String recordName(String phase) {
    return "memory: baseline [" + phase + "]";
  }

  public String recordName() {
    return recordName(phase);
  }
}
