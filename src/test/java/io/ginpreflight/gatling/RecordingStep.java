package io.ginpreflight.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A chain step, usable in {@code exec(...)}, that runs asynchronous work off Gatling's event loop and
 * records its results as requests: memory probes and their verdicts, and raw-socket clients.
 */
public final class RecordingStep implements ActionBuilder {

  private final String name;
  private final Function<Session, CompletableFuture<List<GatlingRecord>>> work;
  private final boolean koFailsTheUser;

  private RecordingStep(String name, Function<Session, CompletableFuture<List<GatlingRecord>>> work,
      boolean koFailsTheUser) {
    this.name = name;
    this.work = work;
    this.koFailsTheUser = koFailsTheUser;
  }

  /**
   * Memory checks, each recorded between the moments its record carries: a KO check is recorded, and the
   * probe user goes on to the next probe.
   */
  public static RecordingStep checks(String name, Function<Session, CompletableFuture<List<GatlingRecord>>> work) {
    return new RecordingStep(name, work, false);
  }

  /**
   * A request made outside Gatling's HTTP client, timed by the work itself: a KO marks the virtual user
   * failed, as a KO request does.
   */
  public static RecordingStep request(String name, Function<Session, CompletableFuture<GatlingRecord>> work) {
    return new RecordingStep(name, session -> work.apply(session).thenApply(List::of), true);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        return new RecordingAction(name, work, koFailsTheUser, System::currentTimeMillis,
            ctx.coreComponents().statsEngine(), next);
      }
    };
  }
}
