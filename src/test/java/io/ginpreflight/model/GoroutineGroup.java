package io.ginpreflight.model;

import java.util.List;

/**
 * Goroutines that grew during a phase and share a stack site, a state and a creator, read from
 * {@code goroutine?debug=2} as goleak reports them: what they wait for, since when, and who started them.
 *
 * @param function the first frame in the service's code, else the outermost outside the runtime
 * @param state the runtime's wait reason ({@code chan send}, {@code select}, {@code IO wait})
 * @param waitMinutes the shortest wait in the group as the runtime prints it (it says minutes only from
 *     one minute on, and only once a GC saw the goroutine parked): the group waited at least this long
 * @param provedLeaked the runtime's goroutineleak GC marked them leaked: nothing can ever wake them
 * @param createdBy the {@code go} statement that started them; empty for the main goroutine
 * @param pprofLabels labels the goroutines carried (from {@code goroutine?debug=1}), naming the handler
 *     for goroutines a library started on its behalf; empty when none
 * @param stack the frames of one of them, innermost first, as {@code function (file.go:line)}
 */
public record GoroutineGroup(String function, String location, String state, long waitMinutes,
    boolean provedLeaked, String createdBy, String createdAt, String pprofLabels, long before, long after,
    List<String> stack) {

  public GoroutineGroup {
    stack = stack == null ? List.of() : List.copyOf(stack);
    pprofLabels = pprofLabels == null ? "" : pprofLabels;
    createdBy = createdBy == null ? "" : createdBy;
    createdAt = createdAt == null ? "" : createdAt;
  }

  public long growth() {
    return after - before;
  }

  /**
   * {@code +400 goroutines blocked in chan send for at least 2 minutes at main.(*hub).publish (hub.go:31),
   * created by main.subscribe (hub.go:18)}: where they wait comes before the runtime's proof and their
   * creator, so a message cut short still says where to look.
   */
  public String sentence() {
    long growth = growth();
    StringBuilder text = new StringBuilder(growth >= 0 ? "+" : "").append(growth)
        .append(Math.abs(growth) == 1 ? " goroutine " : " goroutines ").append(doing());
    if (waitMinutes > 0) {
      text.append(" for at least ").append(waitMinutes).append(waitMinutes == 1 ? " minute" : " minutes");
    }
    text.append(" at ").append(function).append(" (").append(location).append(")");
    if (!pprofLabels.isEmpty()) {
      text.append(" [pprof labels ").append(pprofLabels).append("]");
    }
    if (provedLeaked) {
      text.append(", proved leaked by the runtime");
    }
    if (!createdBy.isEmpty()) {
      text.append(", created by ").append(createdBy).append(" (").append(createdAt).append(")");
    }
    return text.toString();
  }

  private String doing() {
    return switch (state) {
      case "running", "runnable" -> state;
      case "syscall" -> "in a system call";
      default -> "blocked in " + state;
    };
  }
}
