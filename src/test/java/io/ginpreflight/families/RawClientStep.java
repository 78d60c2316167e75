package io.ginpreflight.families;

import io.gatling.javaapi.core.ActionBuilder;
import io.ginpreflight.gatling.RecordingStep;
import io.ginpreflight.gatling.VerdictRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A chain step, usable in {@code exec(...)}, that runs a blocking raw-socket client (what Gatling cannot
 * do: cut an upload short, drop a WebSocket without a close frame) on a thread of its own and records it
 * in Gatling's results as a request of that name, OK or KO with the client's error. The virtual user's
 * event loop is never blocked: the continuation is scheduled back onto it. Recorded through {@link
 * RecordingStep}, as the memory probes are.
 */
final class RawClientStep implements ActionBuilder {

  /** The work of one client; throws when the exchange did not go as expected. */
  interface RawClient {
    void run() throws Exception;
  }

  private static final AtomicInteger THREADS = new AtomicInteger();
  /** Raw clients take a few ms on loopback and are bounded by their socket timeouts (2 s + 5 s). */
  private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(16, task -> {
    Thread thread = new Thread(task, "preflight-raw-client-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private final String name;
  private final Function<io.gatling.javaapi.core.Session, RawClient> client;

  RawClientStep(String name, Function<io.gatling.javaapi.core.Session, RawClient> client) {
    this.name = name;
    this.client = client;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return RecordingStep.request(name, session -> {
      RawClient work = client.apply(session);
      return CompletableFuture.supplyAsync(() -> {
        try {
          work.run();
          return List.of(new VerdictRecord(name, true, ""));
        } catch (Exception e) {
          return List.of(new VerdictRecord(name, false, String.valueOf(e)));
        }
      }, CLIENTS);
    }).asScala();
  }
}
