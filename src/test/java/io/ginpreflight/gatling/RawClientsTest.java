package io.ginpreflight.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run's raw-client threads: when a client's time starts, what a full pool does, and closing. */
class RawClientsTest {

  /** Moved by hand, so the recorded times are exact. */
  private final AtomicLong clock = new AtomicLong(1_000);
  /** One thread and one place in the queue: the smallest pool that can be busy, waiting and full. */
  private final RawClients pool = new RawClients(1, 1, clock::get);
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseAndClose() {
    release.countDown();
    pool.close();
  }

  private RawClients.RawClient blockedUntilReleased() {
    return () -> {
      started.countDown();
      if (!release.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
      clock.addAndGet(5);
    };
  }

  private static GatlingRecord done(CompletableFuture<GatlingRecord> result) throws Exception {
    return result.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aClientIsTimedFromItsStartOnItsThreadNotFromWhenItWasQueued() throws Exception {
    // GIVEN the only thread busy, and a second client queued behind it at t=1000
    CompletableFuture<GatlingRecord> first = pool.run("first", blockedUntilReleased());
    assertTrue(started.await(10, TimeUnit.SECONDS));
    CompletableFuture<GatlingRecord> queued = pool.run("queued", () -> clock.addAndGet(3));

    // WHEN it has waited 2 s before the thread is free
    clock.addAndGet(2_000);
    release.countDown();

    // THEN its time is its own 3 ms from t=3005, when the first had ended; the 2 s in the queue are not in it
    assertEquals(GatlingRecord.ok("first", 1_000, 3_005), done(first));
    assertEquals(GatlingRecord.ok("queued", 3_005, 3_008), done(queued));
  }

  @Test
  void aClientThatFailsIsRecordedKoWithItsError() throws Exception {
    GatlingRecord failed = done(pool.run("ws: vanish", () -> {
      throw new IOException("Connection refused");
    }));

    assertEquals(false, failed.ok());
    assertEquals("java.io.IOException: Connection refused", failed.message());
  }

  @Test
  void aFullPoolRecordsTheClientKoAtOnceWithoutRunningIt() throws Exception {
    // GIVEN the thread busy and the queue full
    pool.run("running", blockedUntilReleased());
    pool.run("waiting", () -> {});
    AtomicBoolean ran = new AtomicBoolean();

    // WHEN one more client comes
    CompletableFuture<GatlingRecord> refused = pool.run("upload: aborted mid-body", () -> ran.set(true));

    // THEN the caller (a Gatling event loop) did not wait: the KO is already there, and the client never ran
    assertTrue(refused.isDone());
    assertEquals(GatlingRecord.ko("upload: aborted mid-body", "raw-client pool full (1 running, 1 waiting): the "
        + "target answers raw clients too slowly for this rate; the client was not run", 1_000, 1_000),
        refused.getNow(null));
    release.countDown();
    Thread.sleep(50);
    assertFalse(ran.get());
  }

  @Test
  void closingStopsTheThreadsAndRefusesLaterClients() throws Exception {
    done(pool.run("before", () -> {}));

    pool.close();

    assertTrue(pool.isClosed());
    GatlingRecord after = done(pool.run("after", () -> {}));
    assertEquals(List.of("after", false, "raw-client pool closed with the run; the client was not run"),
        List.of(after.name(), after.ok(), after.message()));
  }

  @Test
  void aClientThatNeverStartedIsAnsweredWhenThePoolCloses() throws Exception {
    // GIVEN a client stuck on the only thread past the close wait, and one queued behind it
    pool.run("stuck", blockedUntilReleased());
    assertTrue(started.await(10, TimeUnit.SECONDS));
    CompletableFuture<GatlingRecord> queued = pool.run("queued", () -> {});

    // WHEN the run closes
    pool.close();

    // THEN the queued one is recorded KO rather than left without an answer
    GatlingRecord answered = done(queued);
    assertEquals(List.of("queued", false, "raw-client pool closed with the run; the client was not run"),
        List.of(answered.name(), answered.ok(), answered.message()));
  }
}
