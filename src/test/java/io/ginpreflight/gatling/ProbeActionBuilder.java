package io.ginpreflight.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A chain step, usable in {@code exec(...)}, that runs memory work and records its verdicts. */
public final class ProbeActionBuilder implements ActionBuilder {

  private final String name;
  private final Supplier<CompletableFuture<List<VerdictRecord>>> work;

  public ProbeActionBuilder(String name, Supplier<CompletableFuture<List<VerdictRecord>>> work) {
    this.name = name;
    this.work = work;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        return new ProbeAction(name, work, ctx.coreComponents().statsEngine(), next);
      }
    };
  }
}
