package io.ginpreflight.plan;

import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.Unit;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How much each signal may grow during one phase, and how fast a judged phase, or the whole run, may leak. A check
 * whose limit is off is not run. Immutable: every {@code with...} returns a new value.
 */
public final class Limits {

  private final Map<CheckKind, OptionalLong> growth;
  private final RateLimits rates;
  private final boolean inconclusiveFails;
  private final boolean undecidedFails;

  private Limits(Map<CheckKind, OptionalLong> growth, RateLimits rates, boolean inconclusiveFails,
      boolean undecidedFails) {
    EnumMap<CheckKind, OptionalLong> copy = new EnumMap<>(CheckKind.class);
    copy.putAll(growth);
    this.growth = copy;
    this.rates = rates;
    this.inconclusiveFails = inconclusiveFails;
    this.undecidedFails = undecidedFails;
  }

  public static Limits from(PreflightConfig config) {
    Map<CheckKind, OptionalLong> growth = new EnumMap<>(CheckKind.class);
    for (CheckKind kind : CheckKind.judgedBy(CheckKind.Rule.GROWTH)) {
      String key = "preflight.limits." + kind.configKey();
      growth.put(kind, kind.unit() == Unit.BYTES ? config.bytesOrOff(key) : config.countOrOff(key));
    }
    return new Limits(growth, RateLimits.from(config),
        config.oneOf("preflight.inconclusive", "fail", "warn").equals("fail"),
        config.oneOf("preflight.undecided", "fail", "warn").equals("fail"));
  }

  /** The limit of a check, empty when the check is off. */
  public OptionalLong limitFor(CheckKind kind) {
    return growth.getOrDefault(kind, OptionalLong.empty());
  }

  public long heapGrowthBytes() {
    return limitFor(CheckKind.HEAP_GROWTH).orElse(-1);
  }

  public long goroutineGrowth() {
    return limitFor(CheckKind.GOROUTINE_GROWTH).orElse(-1);
  }

  /** The limits of the leak rates, per phase and for the whole run. */
  public RateLimits rates() {
    return rates;
  }

  /** Whether a check that could not be measured fails the run (the default) or only warns. */
  public boolean inconclusiveFails() {
    return inconclusiveFails;
  }

  /** Whether a check the data could not decide within the run's bound fails the run, or only warns (the default). */
  public boolean undecidedFails() {
    return undecidedFails;
  }

  public Limits with(CheckKind kind, long limit) {
    requireGrowth(kind);
    if (limit < 0) {
      throw new IllegalArgumentException("A " + kind.checkName() + " limit cannot be negative, got " + limit + ".");
    }
    Map<CheckKind, OptionalLong> changed = new EnumMap<>(growth);
    changed.put(kind, OptionalLong.of(limit));
    return new Limits(changed, rates, inconclusiveFails, undecidedFails);
  }

  public Limits off(CheckKind kind) {
    requireGrowth(kind);
    Map<CheckKind, OptionalLong> changed = new EnumMap<>(growth);
    changed.put(kind, OptionalLong.empty());
    return new Limits(changed, rates, inconclusiveFails, undecidedFails);
  }

  private static void requireGrowth(CheckKind kind) {
    if (kind.rule() != CheckKind.Rule.GROWTH) {
      throw new IllegalArgumentException(kind.checkName() + " is not a growth check: set its limit with its own "
          + "with... method.");
    }
  }

  public Limits withHeapGrowth(long bytes) {
    return with(CheckKind.HEAP_GROWTH, bytes);
  }

  public Limits withGoroutineGrowth(long goroutines) {
    return with(CheckKind.GOROUTINE_GROWTH, goroutines);
  }

  public Limits withRetainedBytesPerRequest(double bytes) {
    return new Limits(growth, rates.withPhaseLimit(CheckKind.RETAINED_BYTES_PER_REQUEST, bytes), inconclusiveFails,
        undecidedFails);
  }

  public Limits withRetainedBytesPerVirtualUser(double bytes) {
    return new Limits(growth, rates.withPhaseLimit(CheckKind.RETAINED_BYTES_PER_VIRTUAL_USER, bytes),
        inconclusiveFails, undecidedFails);
  }

  public Limits withGoroutinesPer1000Requests(double goroutines) {
    return new Limits(growth, rates.withPhaseLimit(CheckKind.GOROUTINES_PER_1000_REQUESTS, goroutines),
        inconclusiveFails, undecidedFails);
  }
}
