package io.ginpreflight.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import scala.Option;

/**
 * Starts some asynchronous memory work, and when it completes records each of its verdicts in Gatling's
 * results as a request (OK, or KO with the verdict's sentence as the error) and hands the virtual user
 * on. The user's event loop is never blocked: the continuation is scheduled back onto it.
 *
 * <p>Gatling's own {@code dummy(...)} records a KO only as "Dummy error"; logging to the StatsEngine here
 * puts the real sentence in the HTML report's error table. This uses Gatling's Scala action API, which is
 * stable in the 3.x line this project pins.
 */
final class ProbeAction implements Action {

  private static final Logger LOGGER =
      Logger.apply(org.slf4j.LoggerFactory.getLogger(ProbeAction.class));

  private final String name;
  private final Supplier<CompletableFuture<List<VerdictRecord>>> work;
  private final StatsEngine statsEngine;
  private final Action next;

  ProbeAction(String name, Supplier<CompletableFuture<List<VerdictRecord>>> work, StatsEngine statsEngine,
      Action next) {
    this.name = name;
    this.work = work;
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
    work.get().whenComplete((records, failure) -> session.eventLoop().execute(() -> {
      long end = System.currentTimeMillis();
      if (failure != null) {
        log(session, name, start, end, false, "memory probe failed: " + failure);
      } else {
        for (VerdictRecord record : records) {
          log(session, record.name(), start, end, record.ok(), record.message());
        }
      }
      next.$bang(session);
    }));
  }

  private void log(Session session, String request, long start, long end, boolean ok, String message) {
    Status status = ok ? OK$.MODULE$ : KO$.MODULE$;
    statsEngine.logResponse(session.scenario(), session.groups(), request, start, end, status,
        Option.empty(), ok ? Option.empty() : Option.apply(message));
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
