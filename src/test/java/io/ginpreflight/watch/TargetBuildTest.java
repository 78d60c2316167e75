package io.ginpreflight.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.BuildInfo;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TargetBuildTest {

  private static PreflightConfig config(String module) {
    return PreflightConfig.from(ConfigFactory.parseMap(Map.of("preflight.target.module", module)), Optional.empty());
  }

  @Test
  void aModulePathThatGoWouldRefuseStopsTheRunNamingTheKey() {
    ConfigProblem problem = assertThrows(ConfigProblem.class,
        () -> TargetBuild.configuredModule(config("example.com/shop api")));

    assertEquals("Configuration key 'preflight.target.module' has invalid value 'example.com/shop api': give the "
        + "module path of the service's go.mod (its 'module' line), e.g. example.com/shop.", problem.getMessage());
  }

  @Test
  void aRemoteTargetHasNoVersionsButKeepsTheConfiguredModule() {
    BuildInfo remote = TargetBuild.of(OptionalLong.empty(), Optional.empty());
    BuildInfo named = TargetBuild.of(OptionalLong.empty(), TargetBuild.configuredModule(config("example.com/shop")));

    assertEquals("the target is remote (preflight.target.url only): its binary, and so its Go version and module "
        + "versions, cannot be read", remote.unknown());
    assertEquals(Optional.empty(), remote.mainModulePath());
    assertEquals(Optional.of("example.com/shop"), named.mainModulePath());
    assertEquals("configuration (preflight.target.module)", named.source());
    assertEquals(remote.unknown(), named.unknown());
  }

  @Test
  void aLocalProcessThatIsNotGoSaysWhy() {
    // This JVM is a local process whose executable is not a Go binary.
    long pid = ProcessHandle.current().pid();

    BuildInfo build = TargetBuild.of(OptionalLong.of(pid), Optional.empty());

    assertEquals("/proc/" + pid + "/exe: no .go.buildinfo section: not a Go binary, or built before Go 1.13",
        build.unknown());
  }
}
