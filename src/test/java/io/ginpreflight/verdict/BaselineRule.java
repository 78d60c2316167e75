package io.ginpreflight.verdict;

import io.ginpreflight.model.BaselineMedian;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Figures;
import io.ginpreflight.model.LeakDetail;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.BaselineCheck;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Judges a phase's figures against the median of the last comparable runs: KO when this run's figure is
 * more than the limit above the median, and for a fitted rate when even its one-sided 99.99 % lower bound
 * is, so that a short phase's noise alone never fails a night (as for the night's own rates). A rate above
 * the limit whose bound is not is UNDECIDED, never OK: the judge runs the phase's extra rounds for it, as
 * for a rate that straddles its own limit, and what stays undecided says so. The median,
 * not the mean, so one odd night in the history moves nothing. A figure with too few runs behind it is not
 * judged, and said; one this run could not measure is inconclusive. The phase's result has one part per
 * figure; its status is the worst judged part's.
 */
public final class BaselineRule {

  /**
   * This run's value of a figure, and the bound a rise must clear: a rate's one-sided 99.99 % lower bound (the
   * value itself for a count).
   */
  public record Current(double value, double low) {

    public static Current count(double value) {
      return new Current(value, value);
    }
  }

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private BaselineRule() {}

  /**
   * @param current this run's value of each figure; a figure missing from the map was not measured
   */
  public static CheckResult evaluate(BaselineCheck check, Map<CheckKind, Current> current) {
    List<CheckResult> parts = new ArrayList<>();
    for (BaselineCheck.Figure figure : check.figures()) {
      parts.add(compare(check.phase(), figure, current.get(figure.kind()), check.minRuns()));
    }
    Status worst = parts.stream().map(CheckResult::status).max(Status.worstLast()).orElse(Status.NOT_JUDGED);
    // The failing figures first: they are the sentence a person reads in the console.
    String message = parts.stream().sorted(Comparator.comparing(CheckResult::status, Status.worstLast().reversed()))
        .map(CheckResult::message).collect(Collectors.joining("; "));
    if (worst == Status.NOT_JUDGED && parts.stream().map(p -> p.figures().runs()).distinct().count() == 1) {
      // Every figure lacks the same runs: one sentence for the phase, not one per figure.
      message = "phase \"" + check.phase() + "\" not judged against a baseline: "
          + notJudged(parts.get(0).figures().runs(), check.minRuns());
    }
    return new CheckResult(CheckKind.BASELINE, check.phase(), worst, Figures.NONE, null, message, LeakDetail.NONE,
        parts);
  }

  private static CheckResult compare(String phase, BaselineCheck.Figure check, Current current, int minRuns) {
    Double value = current == null ? null : current.value();
    CheckKind kind = check.kind();
    BaselineMedian history = check.history();
    String subject = kind.label() + " in phase \"" + phase + "\"";
    String limit = "limit +" + kind.format(check.limit());
    if (!check.judged(minRuns)) {
      return part(kind, phase, Status.NOT_JUDGED, Figures.baseline(value, null, history.runs(), history.from(),
          history.to(), check.limit()), subject + " not judged against a baseline: " + notJudged(history.runs(),
          minRuns));
    }
    double median = history.median();
    Figures figures = Figures.baseline(value, median, history.runs(), history.from(), history.to(), check.limit());
    String over = "a median of " + kind.format(median) + " over " + history.runs() + " runs ("
        + DAY.format(history.from()) + " .. " + DAY.format(history.to()) + ")";
    if (value == null) {
      return part(kind, phase, Status.INCONCLUSIVE, figures, subject + " could not be measured in this run, so it "
          + "cannot be compared with " + over + "; " + limit + "; an unmeasured figure is not a pass");
    }
    double allowed = median + check.limit();
    if (current.low() > allowed) {
      return part(kind, phase, Status.KO, figures, subject + " rose to " + kind.format(value) + " from " + over
          + "; " + limit);
    }
    if (value > allowed) {
      return part(kind, phase, Status.UNDECIDED, figures, subject + " may have risen: " + kind.format(value)
          + ", against " + over + "; " + limit + "; beyond doubt (its 99.99 % bound) it is only "
          + kind.format(current.low()) + ", so more requests must tell a rise from noise");
    }
    return part(kind, phase, Status.OK, figures, subject + " " + kind.format(value) + ", against " + over + "; "
        + limit);
  }

  /** One figure compared: of the compared check's kind, in the phase. */
  private static CheckResult part(CheckKind kind, String phase, Status status, Figures figures, String message) {
    return CheckResult.of(kind, phase, status, figures, message);
  }

  private static String notJudged(int runs, int minRuns) {
    return runs + (runs == 1 ? " comparable passing run" : " comparable passing runs") + " before this one, " + minRuns
        + " needed (preflight.baseline.min-runs)";
  }
}
