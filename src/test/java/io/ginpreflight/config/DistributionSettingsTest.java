package io.ginpreflight.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The distributed settings: off by default, and every setting that cannot work refused with its fix. */
class DistributionSettingsTest {

  private static Optional<DistributionSettings> read(Map<String, String> overrides) {
    return DistributionSettings.from(PreflightConfig.from(ConfigFactory.parseMap(overrides), Optional.empty()));
  }

  private static Map<String, String> distributed(String... keyValues) {
    Map<String, String> overrides = new HashMap<>(Map.of("preflight.distributed", "true",
        "preflight.target.url", "http://127.0.0.1:8080", "preflight.generators.count", "3"));
    for (int i = 0; i < keyValues.length; i += 2) {
      overrides.put(keyValues[i], keyValues[i + 1]);
    }
    return overrides;
  }

  private static String refusal(Map<String, String> overrides) {
    return assertThrows(ConfigProblem.class, () -> read(overrides)).getMessage();
  }

  @Test
  void offByDefault() {
    assertEquals(Optional.empty(), read(Map.of()));
  }

  @Test
  void onEnterpriseNoGeneratorIsNamedAndTheDefaultsApply() {
    DistributionSettings settings = read(distributed()).orElseThrow();
    assertEquals(Duration.ofSeconds(30), settings.probeSlot());
    assertEquals(Duration.ofSeconds(5), settings.drain());
    assertEquals(3, settings.generatorCount());
    assertEquals(OptionalInt.empty(), settings.generatorIndex());
  }

  @Test
  void localGeneratorsAreRead() {
    DistributionSettings settings = read(distributed("preflight.generators.count", "2",
        "preflight.generators.index", "1")).orElseThrow();
    assertEquals(2, settings.generatorCount());
    assertEquals(OptionalInt.of(1), settings.generatorIndex());
  }

  @Test
  void refusesWhatCannotWork() {
    assertTrue(refusal(Map.of("preflight.distributed", "true")).contains("'preflight.target.url' is not set: every "
        + "generator would start its own gin-lab"));
    assertTrue(refusal(Map.of("preflight.generators.count", "2", "preflight.generators.index", "0"))
        .contains("set -Dpreflight.distributed=true as well"));
    Map<String, String> noCount = distributed();
    noCount.remove("preflight.generators.count");
    assertTrue(refusal(noCount).contains("'preflight.generators.count' is not set: the probing generator counts only "
        + "its own requests"));
    assertEquals("Configuration key 'preflight.generators.index' has invalid value '2': expected 0 to 1 "
        + "(preflight.generators.count is 2).",
        refusal(distributed("preflight.generators.count", "2", "preflight.generators.index", "2")));
    assertEquals("Configuration key 'preflight.schedule.probe-slot' (20 s) is not longer than "
        + "'preflight.probe.settle.timeout' (20 s): a probe waiting for goroutines to settle would overrun its "
        + "slot. Raise the slot or lower the settle timeout.",
        refusal(distributed("preflight.schedule.probe-slot", "20s")));
    assertTrue(refusal(distributed("preflight.schedule.start-at", "2020-01-01T00:00:00Z")).contains("already past"));
    assertTrue(refusal(distributed("preflight.schedule.start-at", "tomorrow")).contains("expected an ISO-8601 instant"));
    ConfigProblem mistyped = assertThrows(ConfigProblem.class,
        () -> PreflightConfig.from(ConfigFactory.parseMap(Map.of("preflight.schedule.probe-slt", "9s")), Optional.empty()));
    assertEquals("Unknown configuration key 'preflight.schedule.probe-slt'; known keys are: preflight.schedule.drain, "
        + "preflight.schedule.probe-slot, preflight.schedule.start-at.", mistyped.getMessage());
  }
}
