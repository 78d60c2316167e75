package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The numbers behind a check's status, in its kind's unit; a figure the kind does not have (or that was
 * not measured) is null and left out of memory.json. A new figure is a new component here, set by the
 * factory of the rule that has it.
 *
 * @param before the signal at the probe a growth is judged from; {@code after} at the closing probe
 * @param value what was judged: a growth (after - before), a rate (per request, virtual user or 1,000
 *     requests), a baselined figure of this run
 * @param limit the growth or rate allowed; for a baselined figure, how far above the median it may be
 * @param probes the probes a rate was fitted through; {@code count} the requests (or virtual users) between
 *     its first and last; {@code noise} the spread of one reading its interval assumed
 * @param plateau a rate above its limit whose growth had stopped by its last step (it passes)
 * @param median the median of the earlier runs' figures, {@code runs} how many, {@code from} and {@code to}
 *     the start of the oldest and the newest of them
 * @param koLow a rate's one-sided 99.99 % lower bound: a KO needs it above the limit, and so does a rise
 *     against the baseline (docs/how-it-measures.md, "A false-KO budget")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Figures(Long before, Long after, Double value, Double limit, Integer probes, Long count,
    Double noise, Boolean plateau, Double median, Integer runs, Instant from, Instant to, Double koLow) {

  public static final Figures NONE = new Figures(null, null, null, null, null, null, null, null, null, null, null,
      null, null);

  /** A growth check's figures; before or after empty when unmeasured. */
  public static Figures growth(OptionalLong before, OptionalLong after, long limit) {
    Long b = before.isPresent() ? before.getAsLong() : null;
    Long a = after.isPresent() ? after.getAsLong() : null;
    return new Figures(b, a, b == null || a == null ? null : (double) (a - b), (double) limit, null, null, null,
        null, null, null, null, null, null);
  }

  /** A rate's figures; {@code rate} null when it could not be fitted. */
  public static Figures rate(Double rate, double limit, int probes, long count, double noise, boolean plateau) {
    return rate(rate, limit, probes, count, noise, plateau, null);
  }

  /** A fitted rate's figures with the bound a KO needs above the limit. */
  public static Figures rate(Double rate, double limit, int probes, long count, double noise, boolean plateau,
      Double koLow) {
    return new Figures(null, null, rate, limit, probes, count, noise, plateau, null, null, null, null, koLow);
  }

  /** A baselined figure against earlier runs; {@code median} null when too few runs were there to judge. */
  public static Figures baseline(Double value, Double median, int runs, Instant from, Instant to, double limit) {
    return new Figures(null, null, value, limit, null, null, null, null, median, runs, from, to, null);
  }

  /** A growth's value as a whole number of its unit; empty when unmeasured or not a growth. */
  public OptionalLong growth() {
    return before != null && after != null ? OptionalLong.of(after - before) : OptionalLong.empty();
  }

  /** Growth as a percentage of the value before; null when unmeasured or from zero. */
  @JsonProperty(value = "growthPercent", access = JsonProperty.Access.READ_ONLY)
  public Double growthPercent() {
    return growth().isPresent() && before > 0 ? 100.0 * growth().getAsLong() / before : null;
  }
}
