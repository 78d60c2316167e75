package io.ginpreflight.plan;

import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.BaselineHistory;
import io.ginpreflight.model.BaselineMedian;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.Signal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code preflight.baseline}: whether each judged phase is compared with the median of the last
 * {@code runs} comparable passing runs, how many are needed to judge at all, from when runs count (to
 * reset the baseline after an intended change) and how far above the median each figure may rise.
 *
 * @param since only runs started at or after this count; empty: every kept run
 */
public record BaselineSettings(boolean enabled, int runs, int minRuns, Optional<Instant> since,
    Map<CheckKind, Double> limits) {

  private static final String KEY = "preflight.baseline";

  /** No phase compared with earlier runs. */
  public static final BaselineSettings OFF = new BaselineSettings(false, 1, 1, Optional.empty(), Map.of());

  public BaselineSettings {
    limits = Map.copyOf(limits);
  }

  public static BaselineSettings from(PreflightConfig config) {
    boolean enabled = config.oneOf(KEY + ".judge", "on", "off").equals("on");
    int runs = config.positiveInt(KEY + ".runs");
    int minRuns = config.positiveInt(KEY + ".min-runs");
    if (minRuns > runs) {
      throw new ConfigProblem("Configuration key '" + KEY + ".min-runs' is " + minRuns + ", more than '" + KEY
          + ".runs' (" + runs + "): the median is taken over at most runs runs, so lower min-runs or raise runs.");
    }
    Optional<Instant> since = config.hasValue(KEY + ".since") ? Optional.of(instant(config.string(KEY + ".since")))
        : Optional.empty();
    Map<CheckKind, Double> limits = new EnumMap<>(CheckKind.class);
    for (CheckKind figure : CheckKind.BASELINED) {
      limits.put(figure, config.nonNegativeDouble(KEY + ".limits." + figure.configKey()));
    }
    return new BaselineSettings(enabled, runs, minRuns, since, limits);
  }

  private static Instant instant(String text) {
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ConfigProblem("Configuration key '" + KEY + ".since' has invalid value '" + text + "': expected a "
          + "date such as 2026-12-01 or an instant such as 2026-12-01T06:00:00Z.");
    }
  }

  /**
   * The baseline check of every judged phase, from the history: each figure of a signal the target offers,
   * with the last {@code runs} values the history holds for it.
   */
  public List<BaselineCheck> checks(BaselineHistory history, List<PhaseWindow> windows, Set<Signal> unoffered) {
    if (!enabled) {
      return List.of();
    }
    List<BaselineCheck> checks = new ArrayList<>();
    for (PhaseWindow window : windows.stream().filter(PhaseWindow::judged).toList()) {
      List<BaselineCheck.Figure> figures = new ArrayList<>();
      for (CheckKind figure : CheckKind.BASELINED) {
        if (unoffered.contains(figure.signal())) {
          continue;
        }
        List<BaselineHistory.Past> past = history.of(window.phase(), figure).stream().limit(runs).toList();
        BaselineMedian median = new BaselineMedian(figure, past.stream().map(BaselineHistory.Past::value).toList(),
            past.isEmpty() ? null : past.get(past.size() - 1).startedAt(),
            past.isEmpty() ? null : past.get(0).startedAt());
        figures.add(new BaselineCheck.Figure(figure, median, limits.get(figure)));
      }
      checks.add(new BaselineCheck(window.phase(), figures, minRuns));
    }
    return checks;
  }
}
