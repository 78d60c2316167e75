package io.ginpreflight.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.BaselineHistory;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BaselineSettingsTest {

  private static BaselineSettings settings(Map<String, String> overrides) {
    return BaselineSettings.from(PreflightConfig.from(ConfigFactory.parseMap(overrides), Optional.empty()));
  }

  @Test
  void theDefaultsJudgeOverSevenRunsAndTheShortFormTurnsItOff() {
    BaselineSettings defaults = settings(Map.of());
    assertTrue(defaults.enabled());
    assertEquals(7, defaults.runs());
    assertEquals(3, defaults.minRuns());
    assertEquals(8.0, defaults.limits().get(CheckKind.RETAINED_BYTES_PER_REQUEST));

    BaselineSettings off = settings(Map.of("preflight.baseline", "off"));
    assertFalse(off.enabled());
    assertEquals(7, off.runs(), "the other settings keep their defaults");
  }

  @Test
  void badValuesAreRefusedWithTheKeyAndTheFix() {
    ConfigProblem word = assertThrows(ConfigProblem.class, () -> settings(Map.of("preflight.baseline", "maybe")));
    assertEquals("Configuration key 'preflight.baseline' has invalid value 'maybe': expected off, on, or settings "
        + "such as preflight.baseline.runs = 7.", word.getMessage());
    ConfigProblem more = assertThrows(ConfigProblem.class, () -> settings(Map.of("preflight.baseline.min-runs", "9")));
    assertEquals("Configuration key 'preflight.baseline.min-runs' is 9, more than 'preflight.baseline.runs' (7): the "
        + "median is taken over at most runs runs, so lower min-runs or raise runs.", more.getMessage());
    ConfigProblem since = assertThrows(ConfigProblem.class, () -> settings(Map.of("preflight.baseline.since", "monday")));
    assertEquals("Configuration key 'preflight.baseline.since' has invalid value 'monday': expected a date such as "
        + "2026-12-01 or an instant such as 2026-12-01T06:00:00Z.", since.getMessage());
    assertEquals(Optional.of(Instant.parse("2026-12-01T00:00:00Z")),
        settings(Map.of("preflight.baseline.since", "2026-12-01")).since());
  }

  @Test
  void eachJudgedPhaseGetsTheLastRunsValuesOfTheFiguresItsTargetOffers() {
    // GIVEN nine earlier values of binding's retained bytes, newest first, and a target without temp files
    List<BaselineHistory.Past> past = new ArrayList<>();
    for (int night = 0; night < 9; night++) {
      past.add(new BaselineHistory.Past(Instant.parse("2026-11-30T02:00:00Z").minusSeconds(86_400L * night), night));
    }
    Map<CheckKind, List<BaselineHistory.Past>> figures = new EnumMap<>(CheckKind.class);
    figures.put(CheckKind.RETAINED_BYTES_PER_REQUEST, past);
    BaselineHistory history = new BaselineHistory(Map.of("binding", figures), "test");
    List<PhaseWindow> windows = List.of(
        new PhaseWindow("warm up", false, 1, 0, 0, 1, List.of(1), List.of("warm up"), List.of(), List.of()),
        new PhaseWindow("binding", true, 3, 1, 2, 4, List.of(2, 3, 4), List.of("r1", "r2", "r3"), List.of(), List.of()));
    // WHEN the checks are laid out
    List<BaselineCheck> checks = settings(Map.of()).checks(history, windows, Set.of(Signal.TEMP_FILES));
    // THEN only binding has one, with the seven newest values, and no temp-file figure
    assertEquals(1, checks.size());
    BaselineCheck binding = checks.get(0);
    assertEquals(List.of(CheckKind.RETAINED_BYTES_PER_REQUEST, CheckKind.GOROUTINES_PER_1000_REQUESTS,
        CheckKind.FD_GROWTH), binding.figures().stream().map(BaselineCheck.Figure::kind).toList());
    assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0), binding.figures().get(0).history().values());
    assertEquals(Instant.parse("2026-11-24T02:00:00Z"), binding.figures().get(0).history().from());
    assertEquals(3.0, binding.figures().get(0).history().median());
    assertTrue(binding.judged());
    assertEquals(0, binding.figures().get(1).history().runs());
  }
}
