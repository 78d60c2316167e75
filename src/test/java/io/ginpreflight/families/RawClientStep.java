package io.ginpreflight.families;

import com.typesafe.scalalogging.Logger;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import scala.Option;

/**
 * A chain step, usable in {@code exec(...)}, that runs a blocking raw-socket client (what Gatling cannot
 * do: cut an upload short, drop a WebSocket without a close frame) on a thread of its own and records it
 * in Gatling's results as a request of that name, OK or KO with the client's error. The virtual user's
 * event loop is never blocked: the continuation is scheduled back onto it. Uses Gatling's Scala action
 * API, as the project's probe action does.
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
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        return new Step(name, client, ctx.coreComponents().statsEngine(), next);
      }
    };
  }

  private static final class Step implements Action {

    private static final Logger LOGGER = Logger.apply(org.slf4j.LoggerFactory.getLogger(RawClientStep.class));

    private final String name;
    private final Function<io.gatling.javaapi.core.Session, RawClient> client;
    private final StatsEngine statsEngine;
    private final Action next;

    Step(String name, Function<io.gatling.javaapi.core.Session, RawClient> client, StatsEngine statsEngine,
        Action next) {
      this.name = name;
      this.client = client;
      this.statsEngine = statsEngine;
      this.next = next;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void execute(Session session) {
      long start = System.currentTimeMillis();
      RawClient work = client.apply(new io.gatling.javaapi.core.Session(session));
      CompletableFuture.runAsync(() -> {
        try {
          work.run();
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      }, CLIENTS).whenComplete((ignored, failure) -> session.eventLoop().execute(() -> {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        statsEngine.logResponse(session.scenario(), session.groups(), name, start, System.currentTimeMillis(),
            cause == null ? OK$.MODULE$ : KO$.MODULE$, Option.empty(),
            cause == null ? Option.empty() : Option.apply(String.valueOf(cause)));
        next.$bang(cause == null ? session : session.markAsFailed());
      }));
    }

    @Override
    public Logger logger() {
      return LOGGER;
    }

    @Override
    public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
      // Scala's trait initialiser would set the field; the logger above is final and already set.
    }
  }
}
