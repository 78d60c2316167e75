package io.ginpreflight.verdict;

import io.ginpreflight.model.AttributedGroup;
import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Interval;
import io.ginpreflight.model.RequestPart;
import io.ginpreflight.plan.AttributionPlan;
import io.ginpreflight.plan.PhaseWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One decided phase's attribution while it runs: which group of requests each round drives, what each round
 * found of every attributed rate, and the phase's checks, held back until the rounds are done so that their
 * messages can lead with what they found. The judge's thread writes it; Gatling's threads read which round runs
 * and which requests it drives, so those parts are safe to read at any time.
 */
final class PhaseAttribution {

  /** What one round found of a group for one rate, with the requests it sent and those that answered otherwise. */
  record Found(Bisection.Reading reading, long sent, long answeredOtherwise) {}

  private final AttributionPlan plan;
  private final PhaseWindow window;
  /** The rate the search follows (goroutines when they grew, else the heap); every attributed rate is read. */
  private final CheckKind leading;
  private final List<CheckKind> kinds;
  private final Bisection search;
  private final Map<Integer, Bisection.Group> rounds = new ConcurrentHashMap<>();
  private final Map<CheckKind, Map<Bisection.Group, Found>> found = new EnumMap<>(CheckKind.class);
  /** The phase's checks, as judged; and what followed them (its baseline, the whole run's), to record with them. */
  private final List<CheckResult> checks;
  private final List<CheckResult> after;
  private volatile int lastProbe;
  private volatile Instant lastProbeAt;
  private volatile Duration roundTook;
  private volatile String stoppedBy = "";

  PhaseAttribution(AttributionPlan plan, PhaseWindow window, List<CheckKind> kinds, double familyPerJourney,
      List<CheckResult> checks, List<CheckResult> after, int fromProbe, Instant fromProbeAt, Duration roundTook) {
    this.plan = plan;
    this.window = window;
    this.kinds = List.copyOf(kinds);
    this.leading = kinds.get(0);
    this.search = new Bisection(plan.parts(), familyPerJourney);
    this.checks = List.copyOf(checks);
    this.after = List.copyOf(after);
    this.lastProbe = fromProbe;
    this.lastProbeAt = fromProbeAt;
    this.roundTook = roundTook;
    kinds.forEach(kind -> found.put(kind, new LinkedHashMap<>()));
  }

  PhaseWindow window() {
    return window;
  }

  AttributionPlan plan() {
    return plan;
  }

  List<CheckKind> kinds() {
    return kinds;
  }

  List<CheckResult> checks() {
    return checks;
  }

  List<CheckResult> after() {
    return after;
  }

  /**
   * The spread of one reading the phase's own line of this kind showed (the larger of the measured noise and its
   * residuals), up to what a service's background moves a reading by ({@link #BACKGROUND_BYTES}, {@link
   * #BACKGROUND_COUNT}): a group driven alone is named only when it keeps clearly more than that. A larger spread
   * is the leak's own steps (a map or a slice doubling as it grows), which say nothing of a group that keeps
   * nothing, and would hide one that keeps much.
   */
  double spread(CheckKind kind) {
    double phase = checks.stream().filter(c -> c.kind() == kind && c.figures().noise() != null)
        .mapToDouble(c -> c.figures().noise()).findFirst().orElse(0);
    return Math.min(phase, kind.isBytes() ? BACKGROUND_BYTES : BACKGROUND_COUNT);
  }

  /**
   * An upstream's keep-alive connection open at one probe and not at the next is about 40 KiB of buffers and 3
   * goroutines (sessionsvc, ordersvc: README.md); timers and pools add a few KiB.
   */
  static final double BACKGROUND_BYTES = 64 * 1024;
  static final double BACKGROUND_COUNT = 8;

  /** The probe the next round's growth is read from: the phase's last, or the previous round's. */
  int lastProbe() {
    return lastProbe;
  }

  /** How long a round is expected to take, probe to probe: the last one's time. */
  Duration roundTook() {
    return roundTook;
  }

  boolean runs(int round) {
    return rounds.containsKey(round);
  }

  boolean drives(int round, int part) {
    Bisection.Group group = rounds.get(round);
    return group != null && part >= group.from() && part < group.to();
  }

  /** The name the round's requests appear under in Gatling's report, e.g. {@code binding attribution 2: cart: add}. */
  String group(int round) {
    Bisection.Group group = rounds.get(round);
    if (group == null) {
      return window.phase() + " attribution " + round;
    }
    List<RequestPart> parts = search.parts(group);
    return window.phase() + " attribution " + round + ": " + (parts.size() == 1 ? parts.get(0).name()
        : "requests " + (group.from() + 1) + " to " + group.to() + " of " + plan.parts().size());
  }

  /** The requests a round drives, for the console: {@code "cart: add" (POST /v1/carts/c#{seq}/items)}. */
  String describe(int round) {
    List<RequestPart> parts = search.parts(rounds.get(round));
    return parts.size() == 1 ? "\"" + parts.get(0).name() + "\" (" + parts.get(0).endpoint() + ")"
        : parts.size() + " requests, \"" + parts.get(0).name() + "\" to \"" + parts.get(parts.size() - 1).name() + "\"";
  }

  /** Chooses the next group for {@code round}; false when the search has nothing left to ask. */
  synchronized boolean choose(int round) {
    Optional<Bisection.Group> next = search.next();
    next.ifPresent(group -> rounds.put(round, group));
    return next.isPresent();
  }

  /** What the round found, read at {@code probe}; the leading rate's reading steers the search. */
  synchronized void measured(int round, int probe, Instant at, Map<CheckKind, Found> readings) {
    Bisection.Group group = rounds.get(round);
    readings.forEach((kind, reading) -> found.get(kind).put(group, reading));
    search.measured(group, readings.get(leading).reading());
    roundTook = Duration.between(lastProbeAt, at);
    lastProbe = probe;
    lastProbeAt = at;
  }

  /** The attribution stopped before its search ended: why, for its sentence. */
  void stop(String why) {
    stoppedBy = why;
  }

  int roundsRun() {
    return rounds.size();
  }

  /** What the rounds found for one attributed rate: its sentence, and every group with its figures. */
  synchronized Attribution result(CheckKind kind) {
    Attribution.Outcome outcome = search.outcome();
    Map<Bisection.Group, Found> of = found.get(kind);
    List<AttributionText.Leaf> leaves = new ArrayList<>();
    for (Bisection.Group leaf : search.leaves()) {
      Found f = of.get(leaf);
      boolean holds = f != null ? f.reading().retains() : search.isInferred(leaf);
      leaves.add(new AttributionText.Leaf(search.parts(leaf), f == null ? null : f.reading(), holds,
          f == null ? 0 : f.answeredOtherwise()));
    }
    String sentence = AttributionText.sentence(kind, window.phase(), outcome, leaves, roundsRun(),
        stoppedBy.isEmpty() ? "the rounds laid out for it" : stoppedBy);
    List<AttributedGroup> groups = new ArrayList<>();
    of.forEach((group, f) -> groups.add(row(group, f)));
    for (Bisection.Group leaf : search.leaves()) {
      if (!of.containsKey(leaf)) {
        groups.add(new AttributedGroup(names(leaf), endpoints(leaf), 0, null, null, search.isInferred(leaf)
            ? AttributedGroup.Share.INFERRED : AttributedGroup.Share.NOT_DRIVEN, 0));
      }
    }
    return new Attribution(kind, outcome, sentence, groups, roundsRun());
  }

  private AttributedGroup row(Bisection.Group group, Found f) {
    Bisection.Reading r = f.reading();
    return new AttributedGroup(names(group), endpoints(group), f.sent(), r.rate(), new Interval(r.low(), r.high()),
        r.retains() ? AttributedGroup.Share.RETAINS : AttributedGroup.Share.NONE_SHOWN, f.answeredOtherwise());
  }

  private List<String> names(Bisection.Group group) {
    return search.parts(group).stream().map(RequestPart::name).toList();
  }

  private List<String> endpoints(Bisection.Group group) {
    return search.parts(group).stream().map(RequestPart::endpoint).toList();
  }
}
