package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a blocking client (a raw socket that does what Gatling cannot: cut an upload short, drop a
 * WebSocket without a close frame) on a thread of its own, while the virtual user waits in short pauses,
 * so Gatling's event loop is never blocked. The step shows in Gatling's report as a group of that name,
 * KO when the client failed.
 */
final class OffLoop {

  private static final Logger LOG = LoggerFactory.getLogger(OffLoop.class);
  /** Each client is bounded by its socket timeouts; this bounds the wait even if one is not. */
  private static final Duration MAX_WAIT = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofMillis(10);
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** Raw clients are short (a few ms on loopback); 16 threads keep up with hundreds per second. */
  private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(16, task -> {
    Thread thread = new Thread(task, "preflight-raw-client-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private OffLoop() {}

  /** A raw client to run: given the session (for EL values), returns the work, which throws when it failed. */
  interface RawClient {
    void run() throws Exception;
  }

  static ChainBuilder step(String name, Function<Session, RawClient> client) {
    String key = "preflight.offloop." + name;
    return group(name).on(
        exec(session -> session.set(key, CLIENTS.submit(() -> {
          client.apply(session).run();
          return null;
        }))),
        asLongAsDuring(session -> !session.<Future<?>>get(key).isDone(), MAX_WAIT).on(pause(POLL)),
        exec(session -> finish(name, session, key)));
  }

  private static Session finish(String name, Session session, String key) {
    Future<?> outcome = session.get(key);
    Session without = session.remove(key);
    if (!outcome.isDone()) {
      outcome.cancel(true);
      LOG.warn("{}: no answer within {} s", name, MAX_WAIT.toSeconds());
      return without.markAsFailed();
    }
    try {
      outcome.get();
      return without;
    } catch (ExecutionException e) {
      LOG.warn("{}: {}", name, e.getCause().toString());
      return without.markAsFailed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return without.markAsFailed();
    }
  }
}
