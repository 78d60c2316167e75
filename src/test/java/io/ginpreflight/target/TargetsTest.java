package io.ginpreflight.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.config.TargetSettings;
import io.ginpreflight.testkit.RequiresGo;
import io.ginpreflight.testkit.UploadSvc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the target from settings: started, attached, remote; and the settings that cannot work. */
class TargetsTest {

  @TempDir
  Path runDir;

  private static PreflightConfig config(String hocon) {
    return PreflightConfig.from(ConfigFactory.parseString(hocon), Optional.empty());
  }

  private static String refusal(String hocon) {
    return assertThrows(ConfigProblem.class, () -> TargetSettings.from(config(hocon))).getMessage();
  }

  @Test
  void commandAndPidTogetherAreRefused() {
    assertEquals("Configuration keys 'preflight.target.command' and 'preflight.target.pid' are both set, but the "
        + "suite either starts the service or attaches to a running one: unset one of them.",
        refusal("preflight.target { url = \"http://127.0.0.1:8080\", command = \"./api\", pid = 42 }"));
  }

  @Test
  void aCommandNeedsTheUrlItListensOn() {
    assertEquals("Configuration key 'preflight.target.command' is set, but 'preflight.target.url' is not: set it "
        + "to the base URL the service listens on, such as http://127.0.0.1:8080.",
        refusal("preflight.target.command = \"go run ./cmd/api\""));
  }

  @Test
  void settingsOfAStartedServiceAreRefusedWithoutACommand() {
    assertEquals("Configuration key 'preflight.target.env' is set, but 'preflight.target.command' is not: it only "
        + "applies to a service the suite starts.",
        refusal("preflight.target { url = \"http://127.0.0.1:8080\", env { GIN_MODE = release } }"));
    assertEquals("Configuration key 'preflight.target.workdir' is set, but 'preflight.target.command' is not: it "
        + "only applies to a service the suite starts.",
        refusal("preflight.target { url = \"http://127.0.0.1:8080\", pid = 42, workdir = api }"));
  }

  @Test
  void theSuiteOwnsTmpdir() {
    assertEquals("Configuration key 'preflight.target.env.TMPDIR' is set, but the suite gives the service a "
        + "private TMPDIR of its own to count its temp files: unset it, and set preflight.target.temp-dir if "
        + "the service writes its temp files elsewhere.",
        refusal("preflight.target { url = \"http://127.0.0.1:8080\", command = ./api, env { TMPDIR = /tmp } }"));
  }

  @Test
  void aBadlyQuotedCommandIsRefusedNamingTheKey() {
    assertEquals("Configuration key 'preflight.target.command' has an unterminated \" quote: ./api \"-x.",
        refusal("preflight.target { url = \"http://127.0.0.1:8080\", command = \"./api \\\"-x\" }"));
  }

  @Test
  void aCommandIsAStringSplitLikeAShellOrAList() {
    TargetSettings fromString = TargetSettings.from(config("preflight.target { url = \"http://127.0.0.1:8080\", "
        + "command = \"go run ./cmd/api -name 'a b'\", env { GIN_MODE = release, PORT = 8080 } }"));
    TargetSettings.Command command = fromString.command().orElseThrow();
    assertEquals(List.of("go", "run", "./cmd/api", "-name", "a b"), command.arguments());
    assertEquals(Map.of("GIN_MODE", "release", "PORT", "8080"), command.env());
    assertEquals("http://127.0.0.1:8080/healthz", command.healthUrl());
    assertEquals(Duration.ofSeconds(120), command.startTimeout());
    assertEquals(Duration.ofSeconds(10), command.stopGrace());
    TargetSettings fromList = TargetSettings.from(config("preflight.target { url = \"http://127.0.0.1:8080\", "
        + "command = [\"./bin/api\", \"-name\", \"a b\"], health-url = \"http://127.0.0.1:8080/ready\" }"));
    assertEquals(List.of("./bin/api", "-name", "a b"), fromList.command().orElseThrow().arguments());
    assertEquals("http://127.0.0.1:8080/ready", fromList.command().orElseThrow().healthUrl());
  }

  @Test
  void aRemoteTargetHasHttpSignalsOnlyAndSaysWhy() {
    // GIVEN only a URL
    try (OwnedTarget owned = Targets.open(config("preflight.target.url = \"http://127.0.0.1:9\""), runDir, runDir)) {
      Target target = owned.target();
      // THEN there is no local process, and the reasons name the settings that would give one
      assertEquals(Optional.empty(), target.local());
      assertEquals("remote target http://127.0.0.1:9", target.description());
      assertEquals("the target is remote (preflight.target.url only): descriptors, RSS and threads are read from "
          + "/proc for a service the suite starts (preflight.target.command) or attaches to (preflight.target.pid)",
          target.processSignalsUnavailable().orElseThrow());
      assertEquals("the target is remote (preflight.target.url only): temp files are counted for a service the "
          + "suite starts (preflight.target.command), or one attached by PID with preflight.target.temp-dir set",
          target.tempFilesUnavailable().orElseThrow());
    }
  }

  @Test
  @RequiresGo("to build testdata/uploadsvc")
  void aCommandIsStartedInTheRunFolderAndStoppedOnClose() throws Exception {
    // GIVEN uploadsvc as preflight.target.command, relative to a working directory
    int port = LoopbackPorts.free();
    Path binDir = UploadSvc.binary().getParent();
    PreflightConfig config = config("preflight.target { url = \"http://127.0.0.1:" + port + "\", "
        + "command = \"./uploadsvc -addr 127.0.0.1:" + port + "\", workdir = \"" + binDir + "\", stop-grace = 5s }");
    // WHEN the target is opened
    long pid;
    try (OwnedTarget owned = Targets.open(config, runDir, runDir)) {
      Target target = owned.target();
      LocalProcess local = target.local().orElseThrow();
      pid = local.pid();
      // THEN it runs, with its TMPDIR and log in the run folder, and every OS signal is available
      assertEquals("service started by the suite at http://127.0.0.1:" + port + " (pid " + pid + ")",
          target.description());
      assertEquals(Optional.of(runDir.resolve("service-tmp")), local.tempDir());
      assertTrue(Files.readString(runDir.resolve("service.log")).contains("(pid " + pid + ", temp dir "
          + runDir.resolve("service-tmp") + ")"));
      assertEquals(Optional.empty(), target.processSignalsUnavailable());
      assertEquals(Optional.empty(), target.tempFilesUnavailable());
      assertEquals(List.of(pid), UploadSvc.pgrep("-addr 127.0.0.1:" + port));
    }
    // AND closing stops it
    assertEquals(List.of(), UploadSvc.pgrep("-addr 127.0.0.1:" + port));
  }

  @Test
  @RequiresGo("to build testdata/uploadsvc")
  void anAttachedProcessIsWatchedButNeverStopped() throws Exception {
    // GIVEN a service the test started itself, outside the suite
    int port = LoopbackPorts.free();
    Path tempDir = Files.createDirectories(runDir.resolve("own-tmp"));
    try (LaunchedService outside = LaunchedService.start(UploadSvc.spec(runDir.resolve("outside"), port))) {
      PreflightConfig config = config("preflight.target { url = \"http://127.0.0.1:" + port + "\", "
          + "pid = " + outside.pid() + ", temp-dir = \"" + tempDir + "\" }");
      // WHEN the suite attaches to it and closes
      try (OwnedTarget owned = Targets.open(config, runDir, runDir)) {
        LocalProcess local = owned.target().local().orElseThrow();
        assertEquals(outside.pid(), local.pid());
        assertEquals(Optional.of(tempDir), local.tempDir());
        assertTrue(local.isAlive());
        assertEquals("service attached by PID at http://127.0.0.1:" + port + " (pid " + outside.pid() + ")",
            owned.target().description());
      }
      // THEN the service still runs
      assertTrue(outside.isAlive());
      assertEquals(200, UploadSvc.get(UploadSvc.baseUrl(port) + "/healthz"));
      // AND once it dies, the attached view says so
      AttachedProcess attached = AttachedProcess.attach(outside.pid(), Optional.empty());
      assertEquals("the temp directory of the attached process is unknown: set preflight.target.temp-dir to its "
          + "TMPDIR", new Target("u", "m", Optional.empty(), "d", Optional.of(attached)).tempFilesUnavailable()
          .orElseThrow());
      UploadSvc.kill9(outside.pid());
      assertTrue(UploadSvc.awaitDeath(attached, Duration.ofSeconds(10)), "still alive after kill -9");
      assertEquals("the attached process (pid " + outside.pid() + ") is gone; the suite did not start it, so its "
          + "exit code and log are unknown: look in the log of whatever started it", attached.death().orElseThrow());
    }
    assertEquals(List.of(), UploadSvc.pgrep("-addr 127.0.0.1:" + port));
  }

  @Test
  void aPidThatRunsNothingIsRefused() {
    long unused = 4_000_000;
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> Targets.open(
        config("preflight.target { url = \"http://127.0.0.1:8080\", pid = " + unused + " }"), runDir, runDir));
    assertEquals("Configuration key 'preflight.target.pid' has invalid value '4000000': no such process runs on "
        + "this machine (/proc/4000000 does not exist); start the service first, or give its PID (pgrep -f <name> "
        + "prints it).", problem.getMessage());
  }
}
