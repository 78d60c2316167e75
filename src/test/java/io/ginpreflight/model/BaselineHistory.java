package io.ginpreflight.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The earlier runs a run is compared with: for each phase and baselined figure, the values of the
 * comparable runs that passed, newest first, and what the history was read from (said when there are too
 * few).
 *
 * @param source where the runs were read, e.g. {@code reports/ (12 runs, 5 comparable)}
 */
public record BaselineHistory(Map<String, Map<CheckKind, List<Past>>> byPhase, String source) {

  /** One earlier run's value of a figure. */
  public record Past(Instant startedAt, double value) {}

  public BaselineHistory {
    byPhase = Map.copyOf(byPhase);
  }

  public static BaselineHistory empty(String source) {
    return new BaselineHistory(Map.of(), source);
  }

  /** The earlier values of a phase's figure, newest first; empty when none was recorded. */
  public List<Past> of(String phase, CheckKind figure) {
    return Optional.ofNullable(byPhase.get(phase)).map(m -> m.getOrDefault(figure, List.of())).orElse(List.of());
  }
}
