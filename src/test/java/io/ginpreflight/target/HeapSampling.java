package io.ginpreflight.target;

import io.ginpreflight.model.Bytes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * How finely the target's heap profile samples allocations, and who chose it. At Go's default (one sample per
 * 512 KiB) a leak of tens of bytes per request over a few thousand requests leaves no allocation site above its
 * sampling uncertainty; so for a service it starts the suite sets {@code GODEBUG=memprofilerate=N}
 * ({@code preflight.target.memprofilerate}), unless the user's GODEBUG already has one. A binary that sets
 * {@code runtime.MemProfileRate} itself wins over both: the heap profile's header tells the rate in force.
 *
 * @param asked the rate the suite set or the user's GODEBUG asked for; empty when neither
 */
public record HeapSampling(Origin origin, OptionalLong asked) {

  /** Who chose the rate the target was started with. */
  public enum Origin {
    /** The suite started the target with GODEBUG=memprofilerate. */
    SUITE,
    /** The target's GODEBUG (preflight.target.env, or the suite's own environment) has memprofilerate. */
    USER,
    /** The suite started the target and was asked not to set it (preflight.target.memprofilerate = off). */
    OFF,
    /** The suite did not start the target: an attached or remote service samples as it was started. */
    NOT_STARTED
  }

  /** Go's default, runtime.MemProfileRate = 512 * 1024. */
  public static final long GO_DEFAULT = 512 * 1024;
  private static final String GODEBUG = "GODEBUG";
  private static final Pattern MEM_PROFILE_RATE = Pattern.compile("(^|,)\\s*memprofilerate=(\\d+)");

  public static final HeapSampling NOT_STARTED = new HeapSampling(Origin.NOT_STARTED, OptionalLong.empty());

  /**
   * For a target the suite starts with {@code env} (the configured variables; the suite's own environment
   * {@code inherited} under them).
   *
   * @param configured the rate to set; empty: leave Go's default (or the binary's)
   */
  public static HeapSampling forStarted(OptionalLong configured, Map<String, String> env,
      Map<String, String> inherited) {
    OptionalLong users = rateIn(godebug(env, inherited));
    if (users.isPresent()) {
      return new HeapSampling(Origin.USER, users);
    }
    return configured.isPresent() ? new HeapSampling(Origin.SUITE, configured)
        : new HeapSampling(Origin.OFF, OptionalLong.empty());
  }

  /** The target's environment with GODEBUG=memprofilerate added when the suite sets it, other GODEBUG settings kept. */
  public Map<String, String> environment(Map<String, String> env, Map<String, String> inherited) {
    if (origin != Origin.SUITE) {
      return env;
    }
    String existing = godebug(env, inherited);
    Map<String, String> with = new LinkedHashMap<>(env);
    with.put(GODEBUG, (existing.isBlank() ? "" : existing + ",") + "memprofilerate=" + asked.getAsLong());
    return Map.copyOf(with);
  }

  /**
   * The signals line's clause for the rate the heap profile says is in force: {@code every 4.0 KiB
   * (GODEBUG=memprofilerate=4096, set by the suite)}, or for a target not started by the suite how to make it
   * finer.
   */
  public String describe(OptionalLong inForce, long suggested) {
    if (inForce.isEmpty()) {
      return "unknown (no heap profile)";
    }
    long rate = inForce.getAsLong();
    String every = rate <= 1 ? "every allocation" : "every " + Bytes.format(rate);
    boolean asAsked = asked.isPresent() && asked.getAsLong() == rate;
    return switch (origin) {
      case SUITE -> every + (asAsked ? " (GODEBUG=memprofilerate=" + rate + ", set by the suite)"
          : " (the service sets runtime.MemProfileRate itself, over the suite's GODEBUG=memprofilerate="
              + asked.getAsLong() + ")");
      case USER -> every + (asAsked ? " (your GODEBUG=memprofilerate=" + rate + ")"
          : " (the service sets runtime.MemProfileRate itself, over your GODEBUG)");
      case OFF -> every + (rate == GO_DEFAULT ? " (Go's default; preflight.target.memprofilerate is off)"
          : " (the service's runtime.MemProfileRate)");
      case NOT_STARTED -> every + (rate > suggested ? " (" + (rate == GO_DEFAULT ? "Go's default" : "the service's")
          + ": for the sites of leaks of tens of bytes per request, start it with GODEBUG=memprofilerate="
          + suggested + ", or let the suite start it with preflight.target.command)" : "");
    };
  }

  private static String godebug(Map<String, String> env, Map<String, String> inherited) {
    String value = env.containsKey(GODEBUG) ? env.get(GODEBUG) : inherited.get(GODEBUG);
    return value == null ? "" : value.trim();
  }

  private static OptionalLong rateIn(String godebug) {
    var m = MEM_PROFILE_RATE.matcher(godebug);
    OptionalLong last = OptionalLong.empty();
    while (m.find()) {
      last = OptionalLong.of(Long.parseLong(m.group(2)));
    }
    return last;
  }
}
