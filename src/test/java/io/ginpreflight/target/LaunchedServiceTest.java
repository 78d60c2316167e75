package io.ginpreflight.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.testkit.RequiresGo;
import io.ginpreflight.testkit.UploadSvc;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher against real processes: testdata/uploadsvc, built at test time, on a free loopback port. */
class LaunchedServiceTest {

  @TempDir
  Path runDir;

  private final int port = LoopbackPorts.free();

  @AfterEach
  void noProcessLeftBehind() {
    assertEquals(List.of(), UploadSvc.pgrep("-addr 127.0.0.1:" + port), "processes left on port " + port);
  }

  @Test
  @RequiresGo("to build testdata/uploadsvc")
  void startsTheServiceWithItsOwnTmpdirAndLogAndStopsItCompletely() throws Exception {
    // GIVEN uploadsvc, started by the launcher
    LaunchedService service = LaunchedService.start(UploadSvc.spec(runDir, port));
    try {
      // THEN it is healthy, logs to the run folder and uses the private TMPDIR
      assertEquals(200, UploadSvc.get(UploadSvc.baseUrl(port) + "/healthz"));
      assertEquals(List.of(service.pid()), UploadSvc.pgrep("-addr 127.0.0.1:" + port));
      assertEquals("uploadsvc: listening on 127.0.0.1:" + port + " (pid " + service.pid() + ", temp dir "
          + runDir.resolve("service-tmp") + ")", Files.readAllLines(runDir.resolve("service.log")).get(0));
      assertTrue(service.isAlive());
      assertEquals(java.util.Optional.empty(), service.death());
    } finally {
      // WHEN it is closed
      service.close();
    }
    // THEN it shut down on SIGTERM, gracefully, and nothing of it runs (checked after each test)
    assertTrue(Files.readString(runDir.resolve("service.log")).contains("uploadsvc: shutting down"));
    assertEquals("the service (pid " + service.pid() + ") was stopped by the suite", service.death().orElseThrow());
  }

  @Test
  @RequiresGo("to build testdata/uploadsvc")
  void aServiceThatExitsBeforeItIsHealthyFailsTheStartWithItsExitCodeAndLog() throws Exception {
    // GIVEN the service's port is already taken
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      // WHEN it is started
      TargetStartFailure failure = assertThrows(TargetStartFailure.class,
          () -> LaunchedService.start(UploadSvc.spec(runDir, port)));
      // THEN the failure names the exit code and quotes the log
      assertEquals("the service exited with code 1 before it answered http://127.0.0.1:" + port + "/healthz; "
          + "the last lines of its log " + runDir.resolve("service.log") + ":\n"
          + "  | uploadsvc: listen tcp 127.0.0.1:" + port + ": bind: address already in use", failure.getMessage());
    }
  }

  @Test
  @RequiresGo("to build testdata/uploadsvc")
  void aServiceThatNeverTurnsHealthyIsStoppedAfterTheStartTimeout() {
    // GIVEN a health URL the service answers with 404
    LaunchSpec spec = UploadSvc.spec(runDir, port)
        .health(UploadSvc.baseUrl(port) + "/ready", Duration.ofSeconds(2), "preflight.target.start-timeout");
    // WHEN it is started
    TargetStartFailure failure = assertThrows(TargetStartFailure.class, () -> LaunchedService.start(spec));
    // THEN the failure says what was asked, for how long, and what came back; the service is stopped
    assertEquals("the service did not answer http://127.0.0.1:" + port + "/ready with 2xx within "
        + "preflight.target.start-timeout (2 s; last answer: HTTP 404); the last lines of its log "
        + runDir.resolve("service.log") + ":\n"
        + "  | uploadsvc: listening on 127.0.0.1:" + port + " (pid " + pidFromLog() + ", temp dir "
        + runDir.resolve("service-tmp") + ")\n"
        + "  | uploadsvc: shutting down", failure.getMessage());
  }

  @Test
  void aProgramThatCannotBeRunIsNamedInTheFailure() {
    // GIVEN a command that does not exist
    LaunchSpec spec = LaunchSpec.of("the service", List.of("./no-such-binary", "-addr", "127.0.0.1:" + port))
        .workdir(runDir)
        .files(runDir.resolve("service-tmp"), runDir.resolve("service.log"))
        .health(UploadSvc.baseUrl(port) + "/healthz", Duration.ofSeconds(5), "preflight.target.start-timeout");
    // WHEN it is started
    TargetStartFailure failure = assertThrows(TargetStartFailure.class, () -> LaunchedService.start(spec));
    // THEN the message names the command and the reason
    assertEquals("the service could not be started (./no-such-binary -addr 127.0.0.1:" + port + "): Cannot run "
        + "program \"./no-such-binary\" (in directory \"" + runDir + "\"): error=2, No such file or directory",
        failure.getMessage());
  }

  @Test
  @RequiresGo("to build testdata/uploadsvc")
  void aServiceKilledWithSignal9IsDescribedAsKilledBySignal9() throws Exception {
    // GIVEN a running service, started from a relative path in its working directory
    LaunchSpec spec = UploadSvc.spec(runDir, port).workdir(UploadSvc.binary().getParent());
    List<String> relative = List.of("./uploadsvc", "-addr", "127.0.0.1:" + port);
    try (LaunchedService service = LaunchedService.start(LaunchSpec.of("the service", relative)
        .workdir(spec.workdir().orElseThrow()).files(spec.tempDir(), spec.log())
        .health(spec.healthUrl(), spec.startTimeout(), spec.startTimeoutKey()))) {
      // WHEN someone kills it with SIGKILL mid-run
      UploadSvc.kill9(service.pid());
      // THEN it is no longer alive, and its death names the signal and quotes its log
      assertTrue(UploadSvc.awaitDeath(service, Duration.ofSeconds(10)), "still alive after kill -9");
      assertEquals("the service (pid " + service.pid() + ") was killed by signal 9 (SIGKILL); the last lines of "
          + "its log " + runDir.resolve("service.log") + ":\n"
          + "  | uploadsvc: listening on 127.0.0.1:" + port + " (pid " + service.pid() + ", temp dir "
          + runDir.resolve("service-tmp") + ")", service.death().orElseThrow());
    }
  }

  @Test
  @RequiresGo("to build testdata/uploadsvc")
  void goRunIsStoppedTogetherWithTheServiceItStarted() throws Exception {
    // GIVEN the service started through `go run .`, which runs the built binary as its child
    try (LaunchedService service = LaunchedService.start(goRunSpec())) {
      // THEN the watched process is the service, not the go command
      assertNotEquals(service.launcherPid(), service.pid());
      assertEquals(List.of(service.launcherPid(), service.pid()), UploadSvc.pgrep("-addr 127.0.0.1:" + port));
      assertTrue(Files.readString(runDir.resolve("service.log")).contains("(pid " + service.pid() + ","));
    }
    // WHEN it is closed THEN neither process is left (checked after each test): SIGTERM ends go run at
    // once, without passing the signal on, so the child is only stopped because it is signalled too
  }

  @Test
  @RequiresGo("to build testdata/uploadsvc")
  void aServiceThatDiesUnderGoRunIsDescribedByGoRunsExitAndLog() throws Exception {
    try (LaunchedService service = LaunchedService.start(goRunSpec())) {
      // WHEN the service dies under go run
      UploadSvc.kill9(service.pid());
      assertTrue(UploadSvc.awaitDeath(service, Duration.ofSeconds(10)), "still alive after kill -9");
      // THEN its death names the launcher's exit and quotes go run's report of the signal
      String death = service.death().orElseThrow();
      assertTrue(death.startsWith("the service (pid " + service.pid() + ") is gone; the process that started it "
          + "(pid " + service.launcherPid() + ", " + GoToolchain.require() + ") exited with code 1; the last lines "
          + "of its log " + runDir.resolve("service.log") + ":\n"), death);
      assertTrue(death.endsWith("\n  | signal: killed"), death);
    }
  }

  private LaunchSpec goRunSpec() {
    return LaunchSpec.of("the service",
            List.of(GoToolchain.require().toString(), "run", ".", "-addr", "127.0.0.1:" + port))
        .workdir(UploadSvc.MODULE)
        .env(java.util.Map.of("GOTOOLCHAIN", "local"))
        .files(runDir.resolve("service-tmp"), runDir.resolve("service.log"))
        .health(UploadSvc.baseUrl(port) + "/healthz", Duration.ofSeconds(120), "preflight.target.start-timeout")
        .stopGrace(Duration.ofSeconds(5));
  }

  private String pidFromLog() {
    try {
      String first = Files.readAllLines(runDir.resolve("service.log")).get(0);
      return first.substring(first.indexOf("(pid ") + 5, first.indexOf(", temp dir"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
