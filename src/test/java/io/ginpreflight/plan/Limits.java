package io.ginpreflight.plan;

import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.Unit;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How much each signal may grow during one phase, and how fast a phase run in rounds may leak. A check
 * whose limit is off is not run. Immutable: every {@code with...} returns a new value.
 */
public final class Limits {

  private final Map<CheckKind, OptionalLong> growth;
  private final double retainedBytesPerRequest;
  private final double goroutinesPer1000Requests;
  private final boolean inconclusiveFails;

  private Limits(Map<CheckKind, OptionalLong> growth, double retainedBytesPerRequest,
      double goroutinesPer1000Requests, boolean inconclusiveFails) {
    EnumMap<CheckKind, OptionalLong> copy = new EnumMap<>(CheckKind.class);
    copy.putAll(growth);
    this.growth = copy;
    this.retainedBytesPerRequest = retainedBytesPerRequest;
    this.goroutinesPer1000Requests = goroutinesPer1000Requests;
    this.inconclusiveFails = inconclusiveFails;
  }

  public static Limits from(PreflightConfig config) {
    Map<CheckKind, OptionalLong> growth = new EnumMap<>(CheckKind.class);
    for (CheckKind kind : CheckKind.values()) {
      String key = "preflight.limits." + kind.configKey();
      growth.put(kind, kind.unit() == Unit.BYTES ? config.bytesOrOff(key) : config.countOrOff(key));
    }
    return new Limits(growth,
        config.nonNegativeDouble("preflight.limits.retained-bytes-per-request"),
        config.nonNegativeDouble("preflight.limits.goroutines-per-1000-requests"),
        config.oneOf("preflight.inconclusive", "fail", "warn").equals("fail"));
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

  public double retainedBytesPerRequest() {
    return retainedBytesPerRequest;
  }

  public double goroutinesPer1000Requests() {
    return goroutinesPer1000Requests;
  }

  /** Whether a check that could not be measured fails the run (the default) or only warns. */
  public boolean inconclusiveFails() {
    return inconclusiveFails;
  }

  public Limits with(CheckKind kind, long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("A " + kind.checkName() + " limit cannot be negative, got " + limit + ".");
    }
    Map<CheckKind, OptionalLong> changed = new EnumMap<>(growth);
    changed.put(kind, OptionalLong.of(limit));
    return new Limits(changed, retainedBytesPerRequest, goroutinesPer1000Requests, inconclusiveFails);
  }

  public Limits off(CheckKind kind) {
    Map<CheckKind, OptionalLong> changed = new EnumMap<>(growth);
    changed.put(kind, OptionalLong.empty());
    return new Limits(changed, retainedBytesPerRequest, goroutinesPer1000Requests, inconclusiveFails);
  }

  public Limits withHeapGrowth(long bytes) {
    return with(CheckKind.HEAP_GROWTH, bytes);
  }

  public Limits withGoroutineGrowth(long goroutines) {
    return with(CheckKind.GOROUTINE_GROWTH, goroutines);
  }

  public Limits withRetainedBytesPerRequest(double bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("A retained-bytes-per-request limit cannot be negative, got " + bytes + ".");
    }
    return new Limits(growth, bytes, goroutinesPer1000Requests, inconclusiveFails);
  }

  public Limits withGoroutinesPer1000Requests(double goroutines) {
    if (goroutines < 0) {
      throw new IllegalArgumentException(
          "A goroutines-per-1000-requests limit cannot be negative, got " + goroutines + ".");
    }
    return new Limits(growth, retainedBytesPerRequest, goroutines, inconclusiveFails);
  }
}
