package io.ginpreflight.gatling;

import io.gatling.javaapi.core.Session;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The threads of one run's raw clients: blocking socket exchanges that Gatling cannot make and its event
 * loops must not wait on (an upload cut off mid-body, a WebSocket that vanishes without a close frame).
 * Owned by the run and closed with it. A client starts on a free thread, or waits in a short queue; when
 * both are full it is not run at all and is recorded KO "raw-client pool full", so a target too slow for
 * the rate shows in the results rather than as queue time. Each client's time is taken on its thread,
 * from its start to its end, so time spent queued is never counted as response time.
 */
public final class RawClients implements AutoCloseable {

  /** The work of one client; throws when the exchange did not go as expected. */
  public interface RawClient {
    void run() throws Exception;
  }

  /**
   * A raw client takes a few ms on loopback and at most its socket timeouts (2 s to connect, 5 s to read);
   * the quick profile starts about 30 a second (15 uploads with two each, 30 long-connection journeys with
   * one). 32 threads absorb a target that takes about a second per exchange; one slower than that is
   * reported through KOs rather than hidden behind more threads.
   */
  static final int THREADS = 32;
  /** Room for a burst as long as one full round of the threads, no more: waiting is not what we measure. */
  static final int WAITING = 32;
  /** A client still running when the run closes has had its load ended already: it is not waited for. */
  private static final long CLOSE_WAIT_MS = 1_000;

  private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

  private final ThreadPoolExecutor executor;
  private final int waiting;
  private final LongSupplier clock;

  public RawClients() {
    this(THREADS, WAITING, System::currentTimeMillis);
  }

  RawClients(int threads, int waiting, LongSupplier clock) {
    this.clock = clock;
    this.waiting = waiting;
    this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(waiting), task -> {
          Thread thread = new Thread(task, "preflight-raw-client-" + THREAD_NUMBERS.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * A chain step, usable in {@code exec(...)}, that runs the session's client on a thread of this pool
   * and records it as a request of that name: OK, or KO with the client's error. A KO marks the virtual
   * user failed, as a KO request does.
   */
  public RecordingStep request(String name, Function<Session, RawClient> client) {
    return RecordingStep.request(name, session -> run(name, client.apply(session)));
  }

  /** Starts the client on a thread of the pool, or refuses it at once: the caller never waits. */
  public CompletableFuture<GatlingRecord> run(String name, RawClient client) {
    Task task = new Task(name, client);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.refuse(executor.isShutdown() ? "raw-client pool closed with the run; the client was not run"
          : "raw-client pool full (" + executor.getMaximumPoolSize() + " running, " + waiting
              + " waiting): the target answers raw clients too slowly for this rate; the client was not run");
    }
    return task.result;
  }

  /** Stops the threads; a client that never started is recorded KO rather than left unanswered. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (executor.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Runnable> neverStarted = executor.shutdownNow();
    neverStarted.forEach(task -> ((Task) task).refuse("raw-client pool closed with the run; the client was not run"));
  }

  boolean isClosed() {
    return executor.isTerminated();
  }

  private final class Task implements Runnable {

    private final String name;
    private final RawClient client;
    private final CompletableFuture<GatlingRecord> result = new CompletableFuture<>();

    Task(String name, RawClient client) {
      this.name = name;
      this.client = client;
    }

    @Override
    public void run() {
      long start = clock.getAsLong();
      String failure = null;
      try {
        client.run();
      } catch (Exception e) {
        failure = String.valueOf(e);
      } catch (Error e) {
        result.completeExceptionally(e);
        throw e;
      }
      long end = clock.getAsLong();
      result.complete(failure == null ? GatlingRecord.ok(name, start, end)
          : GatlingRecord.ko(name, failure, start, end));
    }

    void refuse(String why) {
      long now = clock.getAsLong();
      result.complete(GatlingRecord.ko(name, why, now, now));
    }
  }
}
