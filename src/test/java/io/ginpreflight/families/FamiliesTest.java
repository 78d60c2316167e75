package io.ginpreflight.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FamiliesTest {

  private static final List<String> ALL = List.of(Families.UPLOADS, Families.BINDING, Families.LONG_CONNECTIONS,
      Families.API);

  private static PreflightConfig config(Map<String, Object> overrides) {
    return PreflightConfig.from(ConfigFactory.parseMap(overrides), Optional.empty());
  }

  private static Families read(Map<String, Object> overrides) {
    return Families.read(config(overrides), Optional.empty(), ALL);
  }

  @Test
  void theEmbeddedLabsConfigurationRunsEveryFamilyWithNothingSkipped() {
    // GIVEN no target URL, so gin-lab.conf lies under the defaults WHEN read THEN every family runs, quick
    Families families = read(Map.of());

    assertEquals(List.of(), families.skipped());
    assertEquals(Profile.QUICK, families.profile());
  }

  @Test
  void aFamilyWithoutItsEndpointIsSkippedWithALineSayingSo() {
    // GIVEN uploads without the single-file path, and no WebSocket
    Families families = read(Map.of("preflight.families.uploads.single.path", "",
        "preflight.families.long-connections.websocket.path", ""));

    // THEN both are named, with the key to set
    assertEquals(List.of("family \"uploads\" skipped: preflight.families.uploads.single.path is not set (nor a "
        + "multipart operation in preflight.openapi)",
        "family \"long-connections\": WebSocket skipped: "
            + "preflight.families.long-connections.websocket.path is not set"), families.skipped());
  }

  @Test
  void aSimulationLeftWithNoFamilyEndsWithOneSentence() {
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> read(Map.of(
        "preflight.families.uploads.enabled", false, "preflight.families.binding.enabled", false,
        "preflight.families.long-connections.enabled", false, "preflight.families.api.enabled", false)));

    assertEquals("No endpoint family is left to run (family \"uploads\" skipped: preflight.families.uploads.enabled "
        + "is false; family \"binding\" skipped: preflight.families.binding.enabled is false; family "
        + "\"long-connections\" skipped: preflight.families.long-connections.enabled is false; family \"api\" "
        + "skipped: preflight.families.api.enabled is false): configure at least one under preflight.families, "
        + "see docs/targeting-your-service.md.", problem.getMessage());
  }

  @Test
  void anUnknownKeyInARequestIsRefusedNamingTheEntry() {
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> read(Map.of("preflight.families.api.requests",
        List.of(Map.of("name", "api: ping", "path", "/api/ping", "status", 200, "stauts", 201)))));

    assertEquals("Unknown key 'stauts' in entry 1 of 'preflight.families.api.requests'; known keys are: body, "
        + "body-file, content-type, form, headers, method, name, path, repeat, status.", problem.getMessage());
  }

  @Test
  void aProfileOtherThanQuickOrNightlyIsRefused() {
    ConfigProblem problem = assertThrows(ConfigProblem.class,
        () -> read(Map.of("preflight.profile", "weekly")));

    assertEquals("Configuration key 'preflight.profile' has invalid value 'weekly': expected quick or nightly.",
        problem.getMessage());
  }

  @Test
  void theFamiliesAreReadFromTheRunsConfiguration() {
    // GIVEN the run's configuration, loaded once, with the nightly profile and no binding
    PreflightConfig runConfig = config(Map.of("preflight.profile", "nightly",
        "preflight.families.binding.enabled", false));

    // WHEN the families are read from it
    Families families = Families.read(runConfig, Optional.empty(), ALL);

    // THEN they follow it, not a configuration of their own
    assertEquals(Profile.NIGHTLY, families.profile());
    assertEquals(List.of("family \"binding\" skipped: preflight.families.binding.enabled is false"),
        families.skipped());
  }

  @Test
  void aForcedProfileWinsOverTheConfiguredOne() {
    Families families = Families.read(config(Map.of("preflight.profile", "quick")), Optional.of(Profile.NIGHTLY),
        List.of(Families.API));

    assertEquals(Profile.NIGHTLY, families.profile());
  }

  @Test
  void aKeyMissingFromARequestIsNamedWithItsEntry() {
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> read(Map.of("preflight.families.api.requests",
        List.of(Map.of("name", "api: ping", "path", "/api/ping")))));

    assertEquals("Configuration key 'preflight.families.api.requests[0].status' is not set; it needs a value.",
        problem.getMessage());
  }

  @Test
  void anUnknownFamilyNameIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Families.read(config(Map.of()), Optional.empty(), List.of("uplaods")));

    assertEquals("There is no endpoint family \"uplaods\"; the families are uploads, binding, long-connections, "
        + "api.", refused.getMessage());
  }
}
