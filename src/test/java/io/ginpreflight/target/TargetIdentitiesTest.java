package io.ginpreflight.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.TargetKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the history records of a target: a started command by its program and flag names, never its values. */
class TargetIdentitiesTest {

  private static TargetIdentities.Named named(String hocon) {
    return TargetIdentities.of(PreflightConfig.from(ConfigFactory.parseString(hocon), Optional.empty()),
        Path.of("."));
  }

  @Test
  void aCommandsFlagValuesAreNotRecorded() {
    // LoginIT's sessionsvc command: its password once reached memory.html through the identity.
    TargetIdentities.Named named = named("preflight.target { url = \"http://127.0.0.1:18181\", command = ["
        + "\"./sessionsvc\", \"-addr\", \"127.0.0.1:18181\", \"-demo-password\", \"pw-secret\", \"-token=tk-secret\","
        + " \"-exit-on-stdin-eof\"] }");

    assertEquals(TargetKind.COMMAND, named.kind());
    assertEquals("./sessionsvc", named.name());
    assertEquals(List.of("-addr", "…", "-demo-password", "…", "-token=…", "-exit-on-stdin-eof"), named.flags());
    assertFalse(String.join(" ", named.flags()).contains("secret"));
  }

  @Test
  void anEnvironmentAssignmentBeforeTheProgramKeepsItsNameOnly() {
    TargetIdentities.Named named = named("preflight.target { url = \"http://127.0.0.1:18181\", command = ["
        + "\"env\", \"DB_PASSWORD=hunter2\", \"./api\", \"-v\"] }");

    assertEquals("env DB_PASSWORD=… ./api", named.name());
    assertEquals(List.of("-v"), named.flags());
  }
}
