package io.ginpreflight.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped defaults name no endpoint of anyone's: gin-lab's live in gin-lab.conf, which lies under the
 * user's settings only when the suite starts the embedded lab (or when a user loads it for a gin-lab of
 * their own), so a run against another service never sends a request to one of gin-lab's paths.
 */
class NeutralDefaultsTest {

  private static final List<String> ALL = List.of(Families.UPLOADS, Families.BINDING, Families.LONG_CONNECTIONS,
      Families.API);
  private static final Path LAB_CONF = Path.of("src/test/resources/gin-lab.conf");

  @Test
  void anotherTargetWithNoEndpointsOfItsOwnGetsNoFamilyAndOneSentenceSayingWhy() {
    // GIVEN only the URL of a service
    PreflightConfig config = PreflightConfig.from(ConfigFactory.parseMap(
        Map.of("preflight.target.url", "http://127.0.0.1:8080")), Optional.empty());

    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> Families.read(config, Optional.empty(), ALL));

    // THEN every family is skipped, each with its line, and the run does not start
    assertEquals("No endpoint family is left to run (family \"uploads\" skipped: preflight.families.uploads.single.path "
        + "is not set (nor a multipart operation in preflight.openapi); family \"binding\" skipped: "
        + "preflight.families.binding.requests is not set (nor preflight.openapi); family \"long-connections\" "
        + "skipped: none of preflight.families.long-connections.sse.path, websocket.path and long-poll.path is set "
        + "(nor an SSE operation in preflight.openapi); family \"api\" skipped: preflight.families.api.requests is not "
        + "set): configure at least one under preflight.families, see docs/targeting-your-service.md.",
        problem.getMessage());
  }

  @Test
  void noPathOfGinLabsIsADefaultForAnotherTarget() {
    PreflightConfig config = PreflightConfig.from(ConfigFactory.parseMap(
        Map.of("preflight.target.url", "http://127.0.0.1:8080")), Optional.empty());

    for (String key : List.of("uploads.single.path", "uploads.multiple.path", "uploads.stream.path",
        "uploads.oversized.size", "binding.feeder", "binding.requests", "long-connections.sse",
        "long-connections.websocket", "long-connections.long-poll", "long-connections.hold.sse-path", "api.requests")) {
      assertEquals(false, config.hasValue("preflight.families." + key), key + " has a default");
    }
    assertEquals(false, config.hasValue("lab.describes-target"));
  }

  @Test
  void theEmbeddedLabGetsGinLabsEndpointsUnderTheUsersSettings() {
    // GIVEN no target URL (the embedded lab) and a setting of the user's
    PreflightConfig config = PreflightConfig.from(ConfigFactory.parseMap(
        Map.of("preflight.families.uploads.single.status", 200)), Optional.empty());

    assertEquals("/api/uploads", config.string("preflight.families.uploads.single.path"));
    assertEquals(List.of(200), config.statuses("preflight.families.uploads.single.status"));
    assertEquals(true, config.bool("lab.describes-target"));
  }

  @Test
  void aGinLabStartedByHandIsTargetedWithGinLabsOwnConfigurationAsTheUsersFile() {
    PreflightConfig config = PreflightConfig.from(ConfigFactory.parseMap(
        Map.of("preflight.target.url", "http://127.0.0.1:8080")), Optional.of(LAB_CONF));

    assertEquals("/api/ws", config.string("preflight.families.long-connections.websocket.path"));
    assertEquals(true, config.bool("lab.describes-target"));
  }

  @Test
  void everyKeyGinLabsConfigurationSetsUnderPreflightIsADefaultKeyExplainedThere() {
    Config defaults = ConfigFactory.parseResources("preflight.conf");
    Config lab = ConfigFactory.parseFile(LAB_CONF.toFile());
    Set<String> unknown = new TreeSet<>();
    for (String key : leaves(lab.getObject("preflight").toConfig(), "preflight")) {
      if (!defaults.hasPathOrNull(key) && !openList(key)) {
        unknown.add(key);
      }
    }
    assertEquals(Set.of(), unknown);
    assertTrue(lab.hasPath("lab.dir") && !defaults.hasPathOrNull("lab"), "the lab's knobs belong to gin-lab.conf alone");
  }

  /** sse, websocket and long-poll hold one object or a list: their keys are checked by the family. */
  private static boolean openList(String key) {
    return List.of("sse", "websocket", "long-poll").stream()
        .anyMatch(k -> key.startsWith("preflight.families.long-connections." + k + "."));
  }

  private static Set<String> leaves(Config config, String prefix) {
    Set<String> keys = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> entry : config.root().entrySet()) {
      String key = prefix + "." + entry.getKey();
      if (entry.getValue().valueType() == ConfigValueType.OBJECT) {
        keys.addAll(leaves(config.getConfig(entry.getKey()), key));
      } else {
        keys.add(key);
      }
    }
    return keys;
  }
}
