package io.ginpreflight.plan;

import io.ginpreflight.model.BaselineMedian;
import io.ginpreflight.model.CheckKind;
import java.util.List;

/**
 * A judged phase's figures against the median of the last comparable runs, laid out before any load from
 * the history in reports/. The phase writes a Gatling record (and so can fail the run) only when at least
 * one figure has {@code minRuns} runs to compare with; otherwise the reports say it was not judged.
 */
public record BaselineCheck(String phase, List<Figure> figures, int minRuns) {

  /**
   * One figure: the earlier runs' values, and how far above their median this run may rise.
   *
   * @param kind the check whose figure is compared ({@link CheckKind#BASELINED})
   */
  public record Figure(CheckKind kind, BaselineMedian history, double limit) {

    public boolean judged(int minRuns) {
      return history.runs() >= minRuns;
    }
  }

  public BaselineCheck {
    figures = List.copyOf(figures);
  }

  /** Whether any figure has enough runs to be compared: then the check has a record to write. */
  public boolean judged() {
    return figures.stream().anyMatch(f -> f.judged(minRuns));
  }

  public String recordName() {
    return CheckKind.BASELINE.recordName(phase);
  }
}
