package io.ginpreflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.testkit.LocalPushgateway;
import io.ginpreflight.testkit.ReportFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushgatewayPublisherTest {

  private static final String USER = "nightly";
  private static final String PASSWORD = "test-only-pushgateway-password";
  /** bcrypt of PASSWORD, made with: perl -e 'print crypt("test-only-pushgateway-password", "$2b$05$abcdefghijklmnopqrstuu")' */
  private static final String PASSWORD_BCRYPT = "$2b$05$abcdefghijklmnopqrstuuLVYSMBI3hpsQomJb9G5a/JhiYrTG9.O";
  private static final Map<String, String> ENVIRONMENT = Map.of("PG_USER", USER, "PG_PASSWORD", PASSWORD);

  @TempDir
  Path dir;

  @Test
  void checksAndSummaryArePushedAndReadBackFromARealPushgateway() throws Exception {
    // GIVEN a Pushgateway on a loopback port and a failed run
    MemoryReport report = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    try (LocalPushgateway gateway = LocalPushgateway.start(dir, null, null, null)) {
      PushgatewaySettings settings = PushgatewaySettings.of(gateway.url(), "gin-preflight", Map.of("branch", "main"));
      // WHEN the run is pushed
      PushgatewayPublisher.Outcome outcome = PushgatewayPublisher.push(report, settings, name -> null);
      // THEN the push says so and every series reads back with its value
      assertEquals(new PushgatewayPublisher.Outcome(true, "Pushed 9 series to " + gateway.url()
          + " (job gin-preflight), grouping {branch=main, simulation=UploadSimulation}."), outcome);
      Map<String, Double> metrics = gateway.metrics();
      String group = "branch=\"main\",";
      String run = "instance=\"\",job=\"gin-preflight\",simulation=\"UploadSimulation\"";
      String heap = "check=\"heap growth\",instance=\"\",job=\"gin-preflight\",phase=\"uploads steady\","
          + "simulation=\"UploadSimulation\"";
      assertEquals(5.05e7, metrics.get("preflight_check_growth{" + group + heap + ",unit=\"bytes\"}"), dump(metrics));
      assertEquals(4194304.0, metrics.get("preflight_check_limit{" + group + heap + ",unit=\"bytes\"}"));
      assertEquals(0.0, metrics.get("preflight_check_passed{" + group + heap + "}"));
      assertEquals(0.0, metrics.get("preflight_check_passed{" + group + heap.replace("heap growth",
          "goroutine growth") + "}"), "inconclusive counts as not passed");
      assertEquals(5580.4, metrics.get("preflight_retained_bytes_per_request{" + group
          + "instance=\"\",job=\"gin-preflight\",phase=\"uploads steady\",simulation=\"UploadSimulation\"}"));
      assertEquals(0.0, metrics.get("preflight_goroutines_per_1000_requests{" + group
          + "instance=\"\",job=\"gin-preflight\",phase=\"uploads steady\",simulation=\"UploadSimulation\"}"));
      assertEquals(128.0, metrics.get("preflight_run_duration_seconds{" + group + run + "}"));
      assertEquals(0.0, metrics.get("preflight_run_passed{" + group + run + "}"));
    }
  }

  @Test
  void twoTargetsPushedUnderOneJobAndSimulationKeepGroupsOfTheirOwn() throws Exception {
    // GIVEN runs of gin-lab and of a started service (a program path, slashes and all)
    MemoryReport lab = RunHistoryTest.run(new io.ginpreflight.model.RunIdentity(
        io.ginpreflight.model.TargetKind.EMBEDDED_LAB, "gin-lab", java.util.List.of("-leaks", "none"),
        "UploadSimulation", "quick", "0.1.0-SNAPSHOT", "go1.26.0", Map.of()), ReportFixtures.START, RunVerdict.PASS);
    MemoryReport service = RunHistoryTest.run(new io.ginpreflight.model.RunIdentity(
        io.ginpreflight.model.TargetKind.COMMAND, "./bin/api", java.util.List.of("-port", "8080"),
        "UploadSimulation", "quick", "0.1.0-SNAPSHOT", "go1.26.0", Map.of()), ReportFixtures.START, RunVerdict.FAIL);
    try (LocalPushgateway gateway = LocalPushgateway.start(dir, null, null, null)) {
      PushgatewaySettings settings = PushgatewaySettings.of(gateway.url(), "gin-preflight", Map.of());
      // WHEN both are pushed
      assertTrue(PushgatewayPublisher.push(lab, settings, name -> null).pushed());
      PushgatewayPublisher.Outcome second = PushgatewayPublisher.push(service, settings, name -> null);
      // THEN the second did not replace the first: each verdict reads back under its own target label
      assertTrue(second.sentence().endsWith("grouping {profile=quick, simulation=UploadSimulation, target=./bin/api}."),
          second.sentence());
      Map<String, Double> metrics = gateway.metrics();
      assertEquals(1.0, metrics.get("preflight_run_passed{instance=\"\",job=\"gin-preflight\",profile=\"quick\","
          + "simulation=\"UploadSimulation\",target=\"gin-lab\"}"), dump(metrics));
      assertEquals(0.0, metrics.get("preflight_run_passed{instance=\"\",job=\"gin-preflight\",profile=\"quick\","
          + "simulation=\"UploadSimulation\",target=\"./bin/api\"}"), dump(metrics));
      assertEquals(1.0, metrics.get("preflight_run_info{go_version=\"go1.26.0\",instance=\"\",job=\"gin-preflight\","
          + "preflight_version=\"0.1.0-SNAPSHOT\",profile=\"quick\",simulation=\"UploadSimulation\",target=\"./bin/api\","
          + "target_flags=\"-port 8080\",target_kind=\"command\"}"), dump(metrics));
    }
  }

  @Test
  void basicAuthFromEnvironmentVariablesIsAcceptedAndAWrongPasswordIsNeverPrinted() throws Exception {
    // GIVEN a Pushgateway that requires basic auth
    MemoryReport report = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    try (LocalPushgateway gateway = LocalPushgateway.start(dir, USER, PASSWORD_BCRYPT, PASSWORD)) {
      PushgatewaySettings settings = new PushgatewaySettings(gateway.url(), "gin-preflight", Map.of(), "PG_USER",
          "PG_PASSWORD");
      // WHEN it is pushed with the right credentials, then with a wrong password
      PushgatewayPublisher.Outcome right = PushgatewayPublisher.push(report, settings, ENVIRONMENT::get);
      String wrongPassword = "wrong-" + PASSWORD;
      PushgatewayPublisher.Outcome wrong = PushgatewayPublisher.push(report, settings,
          name -> name.equals("PG_PASSWORD") ? wrongPassword : USER);
      // THEN the first lands and the second is refused with a sentence that holds neither password
      assertTrue(right.pushed(), right.sentence());
      assertEquals(0.0, gateway.metrics().get("preflight_run_passed{instance=\"\",job=\"gin-preflight\","
          + "simulation=\"UploadSimulation\"}"));
      assertFalse(wrong.pushed());
      assertTrue(wrong.sentence().startsWith("Could not push to " + gateway.url() + " (job gin-preflight): "
          + "IOException: Response code from " + gateway.url() + "/metrics/job/gin-preflight/simulation/"
          + "UploadSimulation was 401"), wrong.sentence());
      assertFalse(wrong.sentence().contains(PASSWORD), wrong.sentence());
      assertFalse(Files.readString(dir.resolve("pushgateway.log")).contains(PASSWORD));
    }
  }

  @Test
  void aPushToAClosedPortIsASentenceNotAnException() throws Exception {
    // GIVEN a port nothing listens on
    String url = "http://127.0.0.1:" + LocalPushgateway.freePort();
    // WHEN a run is pushed there
    PushgatewayPublisher.Outcome outcome = PushgatewayPublisher.push(
        ReportFixtures.report("UploadSimulation", ReportFixtures.START),
        PushgatewaySettings.of(url, "gin-preflight", Map.of()), name -> null);
    // THEN the failure is reported and nothing thrown
    assertEquals(new PushgatewayPublisher.Outcome(false, "Could not push to " + url + " (job gin-preflight): "
        + "ConnectException: Connection refused. The run's files on disk are complete."), outcome);
  }

  @Test
  void missingCredentialsAreNamedByTheirVariableNotPushedWithout() {
    PushgatewaySettings settings = new PushgatewaySettings("http://127.0.0.1:9", "gin-preflight", Map.of(),
        "PG_USER", "PG_PASSWORD");
    PushgatewayPublisher.Outcome outcome = PushgatewayPublisher.push(
        ReportFixtures.report("S", ReportFixtures.START), settings, name -> name.equals("PG_USER") ? USER : null);
    assertEquals(new PushgatewayPublisher.Outcome(false, "Not pushed to http://127.0.0.1:9 (job gin-preflight): "
        + "basic auth is configured but the environment variable PG_PASSWORD is not set."), outcome);
  }

  @Test
  void settingsRefuseCredentialsInTheUrlWithoutEchoingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PushgatewaySettings.of("https://ci:" + PASSWORD + "@pg.example:9091", "j", Map.of()));
    assertEquals("preflight.pushgateway.url must not carry credentials; name the environment variables that "
        + "hold them in preflight.pushgateway.username-env and password-env.", e.getMessage());
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> PushgatewaySettings.of("http://pg:9091", "j", Map.of("ci-branch", "main")));
    assertEquals("preflight.pushgateway.grouping.ci-branch is not a usable Prometheus label name: letters, "
        + "digits and _, not starting with a digit or __, not 'job'.", label.getMessage());
  }

  private static String dump(Map<String, Double> metrics) {
    return new TreeMap<>(metrics).entrySet().stream().filter(e -> e.getKey().startsWith("preflight_"))
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n"));
  }
}
