package io.ginpreflight.plan;

import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.model.CheckKind;

/**
 * How fast a judged phase, and the whole run, may retain heap or goroutines, and the least noise the
 * intervals assume. A rate fails only when its whole 95 % interval is above its limit.
 *
 * @param bytesPerRequest retained heap per request in a judged phase
 * @param bytesPerVirtualUser retained heap per virtual user (a session, a cookie, a client)
 * @param goroutinesPer1000Requests goroutines left per 1,000 requests
 * @param wholeRunBytesPerRequest retained heap per request across every judged phase together: lower,
 *     since more requests narrow the interval and a little growth everywhere is still a leak
 * @param wholeRunGoroutinesPer1000Requests likewise for goroutines
 * @param heapNoiseFloor the least spread of one post-GC heap reading, in bytes
 * @param goroutineNoiseFloor the least spread of one goroutine count
 * @param minRequests fewer requests than this in a window are not judged per request (the flat checks
 *     judge it): a one-off step, such as the runtime keeping goroutine records after a peak of held
 *     connections, divided by a few hundred requests looks like a leak of kilobytes per request
 */
public record RateLimits(double bytesPerRequest, double bytesPerVirtualUser, double goroutinesPer1000Requests,
    double wholeRunBytesPerRequest, double wholeRunGoroutinesPer1000Requests, double heapNoiseFloor,
    double goroutineNoiseFloor, long minRequests) {

  static RateLimits from(PreflightConfig config) {
    return new RateLimits(
        config.nonNegativeDouble("preflight.limits.retained-bytes-per-request"),
        config.nonNegativeBytes("preflight.limits.retained-bytes-per-virtual-user"),
        config.nonNegativeDouble("preflight.limits.goroutines-per-1000-requests"),
        config.nonNegativeDouble("preflight.limits.whole-run.retained-bytes-per-request"),
        config.nonNegativeDouble("preflight.limits.whole-run.goroutines-per-1000-requests"),
        config.nonNegativeBytes("preflight.limits.noise-floor.heap"),
        config.nonNegativeDouble("preflight.limits.noise-floor.goroutines"),
        config.positiveInt("preflight.limits.rate-min-requests"));
  }

  /** The limit of a rate in a judged phase. */
  public double phaseLimit(CheckKind kind) {
    return switch (kind) {
      case RETAINED_BYTES_PER_REQUEST -> bytesPerRequest;
      case RETAINED_BYTES_PER_VIRTUAL_USER -> bytesPerVirtualUser;
      case GOROUTINES_PER_1000_REQUESTS -> goroutinesPer1000Requests;
      default -> throw new IllegalArgumentException(kind + " is not a rate");
    };
  }

  /** The limit of a rate across the whole run; per virtual user is judged per phase only. */
  public double wholeRunLimit(CheckKind kind) {
    return switch (kind) {
      case RETAINED_BYTES_PER_REQUEST -> wholeRunBytesPerRequest;
      case RETAINED_BYTES_PER_VIRTUAL_USER -> bytesPerVirtualUser;
      case GOROUTINES_PER_1000_REQUESTS -> wholeRunGoroutinesPer1000Requests;
      default -> throw new IllegalArgumentException(kind + " is not a rate");
    };
  }

  public double noiseFloor(CheckKind kind) {
    return kind.isBytes() ? heapNoiseFloor : goroutineNoiseFloor;
  }

  RateLimits withPhaseLimit(CheckKind kind, double limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("A " + kind.checkName() + " limit cannot be negative, got " + limit + ".");
    }
    return new RateLimits(kind == CheckKind.RETAINED_BYTES_PER_REQUEST ? limit : bytesPerRequest,
        kind == CheckKind.RETAINED_BYTES_PER_VIRTUAL_USER ? limit : bytesPerVirtualUser,
        kind == CheckKind.GOROUTINES_PER_1000_REQUESTS ? limit : goroutinesPer1000Requests,
        wholeRunBytesPerRequest, wholeRunGoroutinesPer1000Requests, heapNoiseFloor, goroutineNoiseFloor,
        minRequests);
  }
}
