package io.ginpreflight.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.plan.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightConfigTest {

  private static PreflightConfig withOverrides(Map<String, String> overrides) {
    return PreflightConfig.from(ConfigFactory.parseMap(overrides), Optional.empty());
  }

  @Test
  void defaultsGiveTheDocumentedLimits() {
    // GIVEN no overrides WHEN the limits are read
    Limits limits = Limits.from(withOverrides(Map.of()));
    // THEN they are the values preflight.conf documents
    assertEquals(4L * 1024 * 1024, limits.heapGrowthBytes());
    assertEquals(20L, limits.goroutineGrowth());
  }

  @Test
  void systemPropertyStyleOverridesWin() {
    Limits limits = Limits.from(withOverrides(Map.of("preflight.limits.heap-growth", "8MiB")));
    assertEquals(8L * 1024 * 1024, limits.heapGrowthBytes());
  }

  @Test
  void unknownKeyIsRefusedWithTheKnownSiblings() {
    ConfigProblem problem = assertThrows(ConfigProblem.class,
        () -> withOverrides(Map.of("preflight.limits.heap-groth", "1MiB")));
    assertEquals("Unknown configuration key 'preflight.limits.heap-groth'; known keys are: "
        + "preflight.limits.failed-requests-percent, preflight.limits.fd-growth, preflight.limits.goroutine-growth, "
        + "preflight.limits.goroutines-per-1000-requests, preflight.limits.heap-growth, preflight.limits.leaked-goroutines, "
        + "preflight.limits.noise-floor.goroutines, preflight.limits.noise-floor.heap, preflight.limits.rate-min-requests, "
        + "preflight.limits.retained-bytes-per-request, preflight.limits.retained-bytes-per-virtual-user, "
        + "preflight.limits.rss-growth, preflight.limits.temp-file-growth, "
        + "preflight.limits.whole-run.goroutines-per-1000-requests, "
        + "preflight.limits.whole-run.retained-bytes-per-request.", problem.getMessage());
  }

  @Test
  void unknownKeyUnderTheLabIsRefusedToo() {
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> withOverrides(Map.of("lab.leak", "all")));
    assertTrue(problem.getMessage().startsWith("Unknown configuration key 'lab.leak'; known keys are: "),
        problem.getMessage());
  }

  @Test
  void negativeLimitIsRefusedNamingTheKey() {
    PreflightConfig config = withOverrides(Map.of("preflight.limits.goroutine-growth", "-5"));
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> Limits.from(config));
    assertEquals("Configuration key 'preflight.limits.goroutine-growth' has invalid value '-5': "
        + "expected a whole number of zero or more, or off.", problem.getMessage());
  }

  @Test
  void sizeThatIsNotASizeIsRefused() {
    PreflightConfig config = withOverrides(Map.of("preflight.limits.heap-growth", "lots"));
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> Limits.from(config));
    assertEquals("Configuration key 'preflight.limits.heap-growth' has invalid value 'lots': "
        + "expected a size of zero or more such as 4MiB, 512KiB or 1048576, or off.", problem.getMessage());
  }

  @Test
  void offSwitchesACheckOff() {
    Limits limits = Limits.from(withOverrides(Map.of("preflight.limits.temp-file-growth", "off")));
    assertTrue(limits.limitFor(io.ginpreflight.model.CheckKind.TEMP_FILE_GROWTH).isEmpty());
    assertEquals(java.util.OptionalLong.of(5), Limits.from(withOverrides(Map.of()))
        .limitFor(io.ginpreflight.model.CheckKind.TEMP_FILE_GROWTH));
  }

  @Test
  void inconclusivePolicyMustBeFailOrWarn() {
    PreflightConfig config = withOverrides(Map.of("preflight.inconclusive", "ignore"));
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> Limits.from(config));
    assertEquals("Configuration key 'preflight.inconclusive' has invalid value 'ignore': expected one of fail, warn.",
        problem.getMessage());
  }

  @Test
  void malformedTargetUrlIsRefused() {
    PreflightConfig config = withOverrides(Map.of("preflight.target.url", "localhost:8080"));
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> TargetSettings.from(config));
    assertEquals("Configuration key 'preflight.target.url' has invalid value 'localhost:8080': "
        + "expected an http:// or https:// URL with a host.", problem.getMessage());
  }

  @Test
  void zeroDurationIsRefused() {
    PreflightConfig config = withOverrides(Map.of("preflight.probe.settle.interval", "0ms"));
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> ProbeSettings.from(config));
    assertEquals("Configuration key 'preflight.probe.settle.interval' has invalid value '0ms': "
        + "a duration must be above zero.", problem.getMessage());
  }

  @Test
  void leakListWithSpacesAndCommasIsAccepted(@TempDir Path project) {
    LabSettings lab = LabSettings.from(withOverrides(Map.of("lab.leaks", "global-map, blocked-goroutine")), project);
    assertEquals("global-map,blocked-goroutine", lab.leaks());
  }

  @Test
  void leakListWithOtherCharactersIsRefused(@TempDir Path project) {
    PreflightConfig config = withOverrides(Map.of("lab.leaks", "global_map;rm"));
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> LabSettings.from(config, project));
    assertEquals("Configuration key 'lab.leaks' has invalid value 'global_map;rm': expected none, all, or a "
        + "comma list of pattern names (gin-lab -list-leaks prints them).", problem.getMessage());
  }

  @Test
  void userFileSitsBetweenDefaultsAndOverrides(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.conf");
    Files.writeString(file, "preflight.limits { heap-growth = 2MiB, goroutine-growth = 7 }");
    PreflightConfig config = PreflightConfig.from(
        ConfigFactory.parseMap(Map.of("preflight.limits.goroutine-growth", "9")), Optional.of(file));
    Limits limits = Limits.from(config);
    assertEquals(2L * 1024 * 1024, limits.heapGrowthBytes());
    assertEquals(9L, limits.goroutineGrowth());
  }

  @Test
  void missingUserFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.conf");
    ConfigProblem problem = assertThrows(ConfigProblem.class,
        () -> PreflightConfig.from(ConfigFactory.empty(), Optional.of(missing)));
    assertEquals("Configuration key 'preflight.config' has invalid value '" + missing
        + "': no such file; give the path of a HOCON file.", problem.getMessage());
  }

  @Test
  void aWholeNumberIsRefusedWithOneSentenceWhateverIsWrongWithIt() {
    // GIVEN a count below its minimum, and one that is not a number
    for (String given : new String[] {"0", "many"}) {
      PreflightConfig config = withOverrides(Map.of("preflight.probe.gc-runs", given));
      // WHEN read THEN the same sentence says what is allowed
      ConfigProblem problem = assertThrows(ConfigProblem.class, () -> ProbeSettings.from(config));
      assertEquals("Configuration key 'preflight.probe.gc-runs' has invalid value '" + given
          + "': expected a whole number of at least 1.", problem.getMessage());
    }
  }

  @Test
  void aSizeOfAnEndpointFamilyIsReadByTheSameReaderAsTheLimits() {
    PreflightConfig config = withOverrides(Map.of("preflight.families.uploads.abort-size", "0B"));
    ConfigProblem problem = assertThrows(ConfigProblem.class,
        () -> config.positiveBytes("preflight.families.uploads.abort-size"));
    assertEquals("Configuration key 'preflight.families.uploads.abort-size' has invalid value '0B': "
        + "expected a size of at least 1 byte such as 4MiB, 512KiB or 1048576.", problem.getMessage());
  }
}
