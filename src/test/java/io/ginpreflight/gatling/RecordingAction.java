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
import java.util.function.Function;
import java.util.function.LongSupplier;
import scala.Option;

/**
 * Starts some asynchronous work, and when it completes records each of its results in Gatling's results
 * as a request (OK, or KO with the result's sentence as the error), between the times the result carries,
 * and hands the virtual user on. The user's event loop is never blocked: the continuation is scheduled
 * back onto it.
 *
 * <p>Gatling's own {@code dummy(...)} records a KO only as "Dummy error"; logging to the StatsEngine here
 * puts the real sentence in the HTML report's error table. This uses Gatling's Scala action API, which is
 * stable in the 3.x line this project pins.
 */
final class RecordingAction implements Action {

  private static final Logger LOGGER =
      Logger.apply(org.slf4j.LoggerFactory.getLogger(RecordingAction.class));

  private final String name;
  private final Function<io.gatling.javaapi.core.Session, CompletableFuture<List<GatlingRecord>>> work;
  private final boolean koFailsTheUser;
  private final LongSupplier clock;
  private final StatsEngine statsEngine;
  private final Action next;

  RecordingAction(String name, Function<io.gatling.javaapi.core.Session, CompletableFuture<List<GatlingRecord>>> work,
      boolean koFailsTheUser, LongSupplier clock, StatsEngine statsEngine, Action next) {
    this.name = name;
    this.work = work;
    this.koFailsTheUser = koFailsTheUser;
    this.clock = clock;
    this.statsEngine = statsEngine;
    this.next = next;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void execute(Session session) {
    long start = clock.getAsLong();
    work.apply(new io.gatling.javaapi.core.Session(session)).whenComplete((records, failure) ->
        session.eventLoop().execute(() -> {
          List<GatlingRecord> recorded = failure != null
              ? List.of(GatlingRecord.ko(name, name + " failed: " + failure, start, clock.getAsLong()))
              : records;
          recorded.forEach(record -> log(session, record));
          boolean anyKo = recorded.stream().anyMatch(record -> !record.ok());
          next.$bang(anyKo && koFailsTheUser ? session.markAsFailed() : session);
        }));
  }

  private void log(Session session, GatlingRecord record) {
    Status status = record.ok() ? OK$.MODULE$ : KO$.MODULE$;
    statsEngine.logResponse(session.scenario(), session.groups(), record.name(), record.startMillis(),
        record.endMillis(), status, Option.empty(), record.ok() ? Option.empty() : Option.apply(record.message()));
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
