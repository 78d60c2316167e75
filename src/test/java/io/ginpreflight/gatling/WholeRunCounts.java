package io.ginpreflight.gatling;

import io.ginpreflight.model.RequestCounts;
import java.util.Map;

/**
 * A distributed run's requests and journeys as the probing generator estimates them for all generators:
 * its own counts, scaled per scenario by the whole population's users over its share of them. The rates
 * per request are judged against the load every generator sent, since the target's growth came from all.
 */
public final class WholeRunCounts implements RequestCounts {

  private final RequestCounts local;
  /** Per scenario: all generators' users divided by this generator's. */
  private final Map<String, Double> scale;

  public WholeRunCounts(RequestCounts local, Map<String, Double> scale) {
    this.local = local;
    this.scale = Map.copyOf(scale);
  }

  @Override
  public long requests(String scenario) {
    return Math.round(local.requests(scenario) * scale.getOrDefault(scenario, 1.0));
  }

  @Override
  public long journeys(String scenario) {
    return Math.round(local.journeys(scenario) * scale.getOrDefault(scenario, 1.0));
  }
}
