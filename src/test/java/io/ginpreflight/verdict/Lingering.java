package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.Unit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a second look says of a growth that would have failed: gone with no load since (it was lingering: a
 * WebSocket library waiting for a vanished peer's close, idle keep-alive connections, their buffers), or
 * still there (a leak, now confirmed).
 */
final class Lingering {

  /** The checks whose growth can be lingering: goroutines, descriptors and the heap they hold. */
  static final Set<CheckKind> MAY_LINGER = EnumSet.of(CheckKind.HEAP_GROWTH, CheckKind.GOROUTINE_GROWTH,
      CheckKind.FD_GROWTH, CheckKind.RETAINED_BYTES_PER_REQUEST, CheckKind.RETAINED_BYTES_PER_VIRTUAL_USER,
      CheckKind.GOROUTINES_PER_1000_REQUESTS);

  private Lingering() {}

  /**
   * The checks that failed and need no second look: of a signal that cannot linger, proved leaked by the
   * runtime, or growing along a line round after round. A phase with one of them has failed whatever more
   * rounds would say of its other checks.
   */
  static List<CheckResult> failedBeyondDoubt(List<CheckResult> checks) {
    boolean proved = checks.stream().anyMatch(c -> c.kind() == CheckKind.LEAKED_GOROUTINES
        && c.status() == Status.KO);
    Set<Signal> steady = steadilyGrowing(checks);
    return checks.stream().filter(c -> c.status() == Status.KO)
        .filter(c -> !MAY_LINGER.contains(c.kind()) || steady.contains(c.kind().signal())
            || (proved && c.kind().signal() == Signal.GOROUTINES))
        .toList();
  }

  /**
   * The signals whose rate failed along a line through three probes or more: growth that went on round after
   * round with the requests, which lingering (a level, there at one probe and gone by a later one) does not.
   */
  static Set<Signal> steadilyGrowing(List<CheckResult> checks) {
    Set<Signal> steady = EnumSet.noneOf(Signal.class);
    for (CheckResult c : checks) {
      boolean line = c.interval() != null && c.figures().limit() != null && c.interval().low() > c.figures().limit();
      if (c.kind().rule() == CheckKind.Rule.RATE && c.status() == Status.KO && c.figures().probes() != null
          && c.figures().probes() >= 3 && line) {
        steady.add(c.kind().signal());
      }
    }
    return steady;
  }

  /**
   * The second look's checks, each that failed at the first look saying what became of it: {@code lingering,
   * not leaked: goroutines +1540 (+1,540 goroutines blocked in select at ...) drained within 5.1 s; ...}, or
   * {@code ...; still there at a second look 20.0 s later}.
   */
  static List<CheckResult> merge(List<CheckResult> first, List<CheckResult> second, Duration waited) {
    List<CheckResult> merged = new ArrayList<>();
    for (CheckResult again : second) {
      Optional<CheckResult> before = first.stream().filter(c -> c.kind() == again.kind()).findFirst();
      if (before.isEmpty() || before.get().status() != Status.KO || !MAY_LINGER.contains(again.kind())) {
        merged.add(again);
      } else if (again.status() == Status.KO) {
        merged.add(withMessage(again, again.message() + "; still there at a second look " + seconds(waited)
            + " later, with no load"));
      } else {
        merged.add(withMessage(again, "lingering, not leaked: " + what(before.get()) + " drained within "
            + seconds(waited) + " with no load; at the second look: " + again.message()));
      }
    }
    return merged;
  }

  /** What the first look saw grow: its first clause, with the largest group behind it when there was one. */
  private static String what(CheckResult ko) {
    String message = ko.message();
    int end = message.indexOf("; ");
    String head = end < 0 ? message : message.substring(0, end);
    String group = ko.detail().largestGroup();
    return group.isEmpty() ? head : head + " (" + group + ")";
  }

  /** The second look in one line for the reports: how goroutines and descriptors moved since the look. */
  static String said(ProbeReading look, ProbeReading second, Duration waited) {
    List<String> moved = new ArrayList<>();
    String[] names = {"goroutines", "descriptors", "post-GC heap"};
    List<Signal> signals = List.of(Signal.GOROUTINES, Signal.OPEN_FDS, Signal.POST_GC_HEAP_BYTES);
    for (int i = 0; i < signals.size(); i++) {
      Measurement a = look.get(signals.get(i));
      Measurement b = second.get(signals.get(i));
      if (a.isMeasured() && b.isMeasured()) {
        Unit unit = signals.get(i).unit();
        moved.add(names[i] + " " + unit.format(a.value()) + " → " + unit.format(b.value()));
      }
    }
    return "second look " + seconds(waited) + " after the last round: " + String.join(", ", moved);
  }

  private static CheckResult withMessage(CheckResult check, String message) {
    return new CheckResult(check.kind(), check.scope(), check.status(), check.figures(), check.interval(), message,
        check.detail(), check.parts());
  }

  private static String seconds(Duration waited) {
    return String.format(Locale.ROOT, "%.1f s", waited.toMillis() / 1000.0);
  }
}
