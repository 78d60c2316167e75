package io.ginpreflight.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.Simulation;
import io.ginpreflight.testkit.InProcessGatling;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a recording step puts in Gatling's results, as Gatling's own assertions read them back: each record
 * as a request of its name, OK or KO with its sentence, timed between the moments it carries; a step whose
 * work fails is a KO of the step's name. A KO check leaves the probe user going on to its next probe; a KO
 * request made outside Gatling's HTTP client fails its virtual user, as a KO HTTP request does.
 */
class RecordingActionTest {

  static final String KO_SENTENCE = "heap +48.2 MiB in phase \"uploads\"; top growth: main.saveUpload (upload.go:41)";
  /** The time a record says it took, which Gatling must report as its response time. */
  static final long TOOK_MILLIS = 1_234;

  private static final AtomicInteger AFTER_KO_CHECKS = new AtomicInteger();
  private static final AtomicInteger AFTER_KO_REQUEST = new AtomicInteger();

  @TempDir
  Path results;

  public static final class Records extends Simulation {

    public Records() {
      setUp(
          scenario("probe user")
              .exec(RecordingStep.checks("probe 1", session -> {
                long end = System.currentTimeMillis();
                return CompletableFuture.completedFuture(List.of(
                    GatlingRecord.ok("memory: heap growth [api]", end - TOOK_MILLIS, end),
                    GatlingRecord.ko("memory: heap growth [uploads]", KO_SENTENCE, end - TOOK_MILLIS, end)));
              }))
              .exec(RecordingStep.checks("probe 2",
                  session -> CompletableFuture.failedFuture(new IllegalStateException("the probe broke"))))
              .exitHereIfFailed()
              .exec(RecordingStep.checks("probe 3", session -> {
                AFTER_KO_CHECKS.incrementAndGet();
                return CompletableFuture.completedFuture(List.of());
              }))
              .injectOpen(atOnceUsers(1)),
          scenario("raw client")
              .exec(RecordingStep.request("ws: vanish", session -> {
                long end = System.currentTimeMillis();
                return CompletableFuture.completedFuture(GatlingRecord.ko("ws: vanish",
                    "java.io.IOException: Connection refused", end - TOOK_MILLIS, end));
              }))
              .exitHereIfFailed()
              .exec(RecordingStep.checks("after the KO request", session -> {
                AFTER_KO_REQUEST.incrementAndGet();
                return CompletableFuture.completedFuture(List.of());
              }))
              .injectOpen(atOnceUsers(1)))
          .assertions(
              details("memory: heap growth [api]").successfulRequests().count().is(1L),
              details("memory: heap growth [api]").responseTime().min().is((int) TOOK_MILLIS),
              details("memory: heap growth [uploads]").failedRequests().count().is(1L),
              details("memory: heap growth [uploads]").responseTime().max().is((int) TOOK_MILLIS),
              details("probe 2").failedRequests().count().is(1L),
              details("ws: vanish").failedRequests().count().is(1L));
    }
  }

  @Test
  void recordsAreRequestsOfTheirNameAndOnlyAKoRequestFailsItsUser() {
    AFTER_KO_CHECKS.set(0);
    AFTER_KO_REQUEST.set(0);

    InProcessGatling run = InProcessGatling.run(Records.class, results);

    // Gatling's assertions on the records' counts, statuses and times all held
    assertEquals(0, run.exitCode, run.console);
    // the KO's sentence and the failed work's cause are the errors Gatling reports
    assertTrue(run.console.contains(KO_SENTENCE), run.console);
    assertTrue(run.console.contains("probe 2 failed: java.lang.IllegalStateException: the probe broke"), run.console);
    // the probe user went on after its KO checks; the raw client's user stopped at its KO request
    assertEquals(1, AFTER_KO_CHECKS.get());
    assertEquals(0, AFTER_KO_REQUEST.get());
  }
}
