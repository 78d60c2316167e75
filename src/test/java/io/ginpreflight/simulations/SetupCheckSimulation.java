package io.ginpreflight.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.ginpreflight.CannotStart;
import io.ginpreflight.PreflightRun;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.families.Families;
import io.ginpreflight.families.Family;
import io.ginpreflight.target.TargetStartFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ten-second check of your own configuration before the first real run: the target is started or found
 * as a run would, every signal is read once (the idle probe), every configured family's journey is sent once
 * (one request per configured endpoint, each checked for its expected answer), and the run ends with a list
 * of what is missing, each with the line of Go or configuration that fixes it. No memory verdict: one
 * journey proves nothing about a leak. Fails when a request does not get its expected answer or no family
 * has an endpoint.
 *
 * <p>{@code mvn gatling:test -Dgatling.simulationClass=io.ginpreflight.simulations.SetupCheckSimulation
 * -Dpreflight.config=my-service.conf}
 */
public class SetupCheckSimulation extends Simulation {

  private static final Logger LOG = LoggerFactory.getLogger(SetupCheckSimulation.class);
  private static final List<String> ALL = List.of(Families.UPLOADS, Families.BINDING, Families.LONG_CONNECTIONS,
      Families.API);

  private final PreflightRun run;
  private final Families families;
  /** Each family sent, in order, and whether its journey got every answer it expects. */
  private final Map<String, Boolean> answered = new ConcurrentHashMap<>();
  private final List<String> sent = new ArrayList<>();

  public SetupCheckSimulation() {
    try {
      PreflightConfig config = PreflightConfig.load();
      families = Families.readAllowingNone(config, ALL);
      run = PreflightRun.open(getClass().getSimpleName(), config, "setup-check");
    } catch (ConfigProblem | TargetStartFailure e) {
      throw CannotStart.exit(e);
    }
    try {
      setUp(journeysOnce(run)).protocols(families.protocol(run))
          // a failed request, and a check with no request at all, are both a setup that does not work yet
          .assertions(global().failedRequests().count().is(0L), global().allRequests().count().gt(0L));
    } catch (ConfigProblem e) {
      run.close();
      throw CannotStart.exit(e);
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
  }

  /** One user per family, one family after the other, each recording whether its journey failed. */
  private PopulationBuilder journeysOnce(PreflightRun opened) {
    List<Family> configured = families.families(opened);
    PopulationBuilder chain = null;
    for (int i = configured.size() - 1; i >= 0; i--) {
      Family family = configured.get(i);
      sent.add(0, family.name());
      PopulationBuilder once = scenario("setup check: " + family.name())
          .exec(family.journey())
          .exec(exec(session -> {
            answered.put(family.name(), !session.isFailed());
            return session;
          }))
          .injectOpen(atOnceUsers(1));
      chain = chain == null ? once : once.andThen(chain);
    }
    if (chain == null) {
      // nothing to send: one user that sends nothing, so Gatling runs and the assertions say why it failed
      chain = scenario("setup check: no endpoint family").exec(exec(session -> session)).injectOpen(atOnceUsers(1));
    }
    return chain;
  }

  @Override
  public void after() {
    run.close();
    Map<String, Boolean> journeys = new LinkedHashMap<>();
    sent.forEach(name -> journeys.put(name, answered.getOrDefault(name, false)));
    SetupChecklist.lines(run.capabilities(), run.idleReading(), journeys, families.skipped()).forEach(LOG::info);
  }
}
