package io.ginpreflight.verdict;

import io.ginpreflight.model.BaselineComparison;
import io.ginpreflight.model.BaselineFigure;
import io.ginpreflight.model.BaselineMedian;
import io.ginpreflight.model.BaselineResult;
import io.ginpreflight.model.BaselineStatus;
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
 * more than the limit above the median, and for a fitted rate when even the low end of its 95 % interval
 * is, so that a short phase's noise alone never fails a night (as for the night's own rates). The median,
 * not the mean, so one odd night in the history moves nothing. A figure with too few runs behind it is not
 * judged, and said; one this run could not measure is inconclusive.
 */
public final class BaselineRule {

  /**
   * This run's value of a figure, and the low end of its 95 % interval (the value itself for a count).
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
  public static BaselineResult evaluate(BaselineCheck check, Map<BaselineFigure, Current> current) {
    List<BaselineComparison> figures = new ArrayList<>();
    for (BaselineCheck.Figure figure : check.figures()) {
      figures.add(compare(check.phase(), figure, current.get(figure.figure()), check.minRuns()));
    }
    BaselineStatus worst = figures.stream().map(BaselineComparison::status)
        .filter(s -> s != BaselineStatus.NOT_JUDGED)
        .max(Comparator.comparingInt(BaselineRule::rank)).orElse(BaselineStatus.NOT_JUDGED);
    // The failing figures first: they are the sentence a person reads in the console.
    String message = figures.stream().sorted(Comparator.comparingInt((BaselineComparison f) -> -rank(f.status())))
        .map(BaselineComparison::message).collect(Collectors.joining("; "));
    if (worst == BaselineStatus.NOT_JUDGED && figures.stream().map(BaselineComparison::runs).distinct().count() == 1) {
      // Every figure lacks the same runs: one sentence for the phase, not one per figure.
      message = "phase \"" + check.phase() + "\" not judged against a baseline: " + notJudged(figures.get(0).runs(),
          check.minRuns());
    }
    return new BaselineResult(check.phase(), worst, message, figures);
  }

  private static BaselineComparison compare(String phase, BaselineCheck.Figure check, Current current,
      int minRuns) {
    Double value = current == null ? null : current.value();
    BaselineFigure figure = check.figure();
    BaselineMedian history = check.history();
    String subject = figure.label() + " in phase \"" + phase + "\"";
    String limit = "limit +" + figure.format(check.limit());
    if (!check.judged(minRuns)) {
      return new BaselineComparison(figure, BaselineStatus.NOT_JUDGED, value, null, history.runs(), history.from(),
          history.to(), check.limit(), subject + " not judged against a baseline: " + notJudged(history.runs(), minRuns));
    }
    double median = history.median();
    String over = "a median of " + figure.format(median) + " over " + history.runs() + " runs ("
        + DAY.format(history.from()) + " .. " + DAY.format(history.to()) + ")";
    if (value == null) {
      return new BaselineComparison(figure, BaselineStatus.INCONCLUSIVE, null, median, history.runs(), history.from(),
          history.to(), check.limit(), subject + " could not be measured in this run, so it cannot be compared with "
          + over + "; " + limit + "; an unmeasured figure is not a pass");
    }
    double allowed = median + check.limit();
    boolean rose = current.low() > allowed;
    String message = rose
        ? subject + " rose to " + figure.format(value) + " from " + over + "; " + limit
        : subject + " " + figure.format(value) + ", against " + over + "; " + limit
            + (value > allowed ? "; its 95 % interval reaches down to " + figure.format(current.low())
                + ", within the limit, so noise alone could explain it" : "");
    return new BaselineComparison(figure, rose ? BaselineStatus.KO : BaselineStatus.OK, value, median,
        history.runs(), history.from(), history.to(), check.limit(), message);
  }

  private static String notJudged(int runs, int minRuns) {
    return runs + (runs == 1 ? " comparable passing run" : " comparable passing runs") + " before this one, " + minRuns
        + " needed (preflight.baseline.min-runs)";
  }

  private static int rank(BaselineStatus status) {
    return switch (status) {
      case NOT_JUDGED -> 0;
      case OK -> 1;
      case INCONCLUSIVE -> 2;
      case KO -> 3;
    };
  }
}
