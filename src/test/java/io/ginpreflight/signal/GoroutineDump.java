package io.ginpreflight.signal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A goroutine listing from net/http/pprof: {@code goroutine?debug=1} (stacks with counts) or
 * {@code goroutine?debug=2} (every goroutine, its state and wait time). Both group by {@link Site}
 * with the same rule, so a before/after diff names the code that started the leaking goroutines.
 */
public final class GoroutineDump {

  private final long total;
  private final List<GoroutineStack> stacks;

  GoroutineDump(long total, List<GoroutineStack> stacks) {
    this.total = total;
    this.stacks = List.copyOf(stacks);
  }

  /** Reads either format, told apart by the first line. */
  public static GoroutineDump parse(String text) throws SignalUnavailable {
    String first = text.lines().findFirst().orElse("");
    if (first.startsWith(GoroutineProfileText.HEADER) || first.startsWith(GoroutineProfileText.LEAK_HEADER)) {
      return GoroutineProfileText.parse(text);
    }
    if (first.startsWith("goroutine ")) {
      return GoroutineStacksText.parse(text);
    }
    if (first.isBlank()) {
      throw new SignalUnavailable("the goroutine dump is empty");
    }
    throw new SignalUnavailable("goroutine dump line 1 is neither 'goroutine profile: total N' (debug=1) "
        + "nor 'goroutine N [state]:' (debug=2): " + ProfileLines.quote(first));
  }

  public long total() {
    return total;
  }

  public List<GoroutineStack> stacks() {
    return stacks;
  }

  /** Goroutine counts by site, largest first. */
  public Map<Site, Long> countBySite() {
    Map<Site, Long> bySite = new LinkedHashMap<>();
    for (GoroutineStack stack : stacks) {
      bySite.merge(stack.site(), stack.count(), Long::sum);
    }
    return SiteCounts.largestFirst(bySite);
  }

  /** How many goroutines at the site are in each state; empty for debug=1, which has no states. */
  public Map<String, Long> statesAt(Site site) {
    Map<String, Long> states = new TreeMap<>();
    for (GoroutineStack stack : stacks) {
      if (stack.site().equals(site) && !stack.state().isEmpty()) {
        states.merge(stack.state(), stack.count(), Long::sum);
      }
    }
    return states;
  }

  /** The longest wait at the site in minutes, as the runtime rounds it down; 0 when unknown. */
  public long longestWaitMinutesAt(Site site) {
    return stacks.stream().filter(stack -> stack.site().equals(site))
        .mapToLong(GoroutineStack::waitMinutes).max().orElse(0);
  }
}
