package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.IdleNoise;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.PhaseEnd;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.BaselineCheck;
import io.ginpreflight.plan.GrowthCheck;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.RateCheck;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.watch.Probe;
import io.ginpreflight.watch.ProbeProfiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each probe as it comes. At the probe after a judged phase's last planned round it looks at every
 * check the plan lists for the phase: while one is undecided, and the phase may run more rounds, it asks for
 * the next one (and says why); once all are decided, or at the bound, a growth that would fail gets a second
 * look after the grace period, and then the phase's checks, its baseline and, after the last phase, the whole
 * run's rates are final. Every result goes to the run's findings, which the reports read; the judge never
 * reads them back.
 */
public final class Judge {

  private static final Logger LOG = LoggerFactory.getLogger(Judge.class);

  private final RunPlan plan;
  private final RequestCounts requests;
  private final LeakSites sites;
  private final RunFindings findings;
  private final Map<Integer, Probe> probes = new ConcurrentHashMap<>();
  /** The final rates per phase: the whole run leaves out a phase whose growth had reached a plateau. */
  private final Map<String, List<CheckResult>> rates = new ConcurrentHashMap<>();
  /** How each phase ended: the probe it was judged at and the rounds that ran, for the next phase and the run. */
  private final Map<String, Closed> closed = new ConcurrentHashMap<>();
  private final Rounds rounds;
  private final Supplier<Optional<ProbeReading>> idle;

  private record Closed(int probe, int roundsRun) {}

  /**
   * What a probe led to: the checks it made final (none while its phase runs more rounds), the phase it
   * decided, or the second look the phase needs before its checks are final.
   */
  public record Step(List<CheckResult> checks, Optional<PhaseWindow> decided, Optional<SecondLook> secondLook) {

    static final Step NONE = new Step(List.of(), Optional.empty(), Optional.empty());

    public Step {
      checks = List.copyOf(checks);
    }
  }

  /**
   * @param idle a probe taken with no load just before the run's first probe, once it is: with it, the noise
   *     of the target at rest is measured (without it, the noise floors alone are assumed)
   */
  public Judge(RunPlan plan, RequestCounts requests, LeakSites sites, RunFindings findings,
      Supplier<Optional<ProbeReading>> idle) {
    this.plan = plan;
    this.requests = requests;
    this.sites = sites;
    this.findings = findings;
    this.idle = idle;
    this.rounds = new Rounds(plan.sequencing().extraTime());
  }

  /** Whether a round of a phase runs: a planned one always, an extra one only when its phase asked for it. */
  public boolean runs(PhaseWindow window, int round) {
    return rounds.runs(window, round);
  }

  /** Whether a probe is taken: the probe after an extra round only when that round ran. */
  public boolean takes(ProbePoint point) {
    return plan.windowOf(point.index())
        .map(w -> runs(w, w.roundClosedBy(point.index()).getAsInt())).orElse(true);
  }

  /** Records a probe and returns what it leads to. */
  public Step record(ProbePoint point, Probe probe) {
    keep(point.index(), probe);
    Optional<PhaseWindow> found = plan.windowOf(point.index());
    if (found.isEmpty()) {
      return Step.NONE;
    }
    PhaseWindow window = found.get();
    int round = window.roundClosedBy(point.index()).getAsInt();
    Closed decided = closed.get(window.phase());
    if (decided != null && round > decided.roundsRun()) {
      return Step.NONE;  // a round nobody asked for: its population took no probe, and none is judged
    }
    if (round > window.rounds()) {
      rounds.ended(window, Instant.now());
    }
    if (round < window.rounds()) {
      return Step.NONE;
    }
    if (!window.judged()) {
      closed.put(window.phase(), new Closed(point.index(), round));
      return new Step(window.equals(plan.lastWindow()) ? judgeWholeRun() : List.of(), Optional.empty(),
          Optional.empty());
    }
    boolean atMax = round >= window.maxRounds();
    boolean last = atMax || !rounds.fits(roundTook(window, round));
    double jitter = jitter(window, round);
    Look look = last ? Look.last(jitter, false, Duration.ZERO, bound(window, round, atMax))
        : Look.interim(jitter, false, Duration.ZERO);
    List<CheckResult> checks = look(window, point.index(), round, look);
    List<CheckResult> undecided = checks.stream().filter(c -> c.status() == Status.UNDECIDED).toList();
    if (!last && !undecided.isEmpty()) {
      String reason = "round " + (round + 1) + " of at most " + window.maxRounds() + ": " + undecided.stream()
          .map(c -> c.kind().checkName() + " undecided, " + c.message()).collect(Collectors.joining("; "));
      rounds.ask(window, round + 1, reason, Instant.now());
      LOG.info("{}: {}", window.phase(), reason);
      return Step.NONE;
    }
    Optional<SecondLook> second = secondLook(window, point.index(), round, checks);
    if (second.isPresent()) {
      LOG.info("{}: growth that would fail gets a second look, with no load, once goroutines and descriptors "
          + "drain or after {} s", window.phase(), second.get().grace().toSeconds());
      return new Step(List.of(), Optional.empty(), second);
    }
    return conclude(window, point.index(), round, checks, "");
  }

  /** Records the second look a phase asked for, {@code waited} after its look, and makes its checks final. */
  public Step confirm(SecondLook pending, Probe probe, Duration waited) {
    keep(pending.probe(), probe);
    PhaseWindow window = pending.window();
    Look look = Look.last(jitter(window, pending.roundsRun()), false, Duration.ZERO, "after a second look");
    List<CheckResult> again = look(window, pending.probe(), pending.roundsRun(), look);
    List<CheckResult> merged = Lingering.merge(pending.firstLook(), again, waited);
    return conclude(window, pending.probe(), pending.roundsRun(), merged,
        Lingering.said(probes.get(pending.closingProbe()).reading(), probe.reading(), waited));
  }

  /** The profiles a probe kept, parsed, for a comparison with another run; empty when it kept none. */
  public ProbeProfiles profiles(int probe) {
    return Optional.ofNullable(probes.get(probe)).map(Probe::profiles).orElse(ProbeProfiles.NONE);
  }

  private void keep(int index, Probe probe) {
    ProbeReading reading = probe.reading();
    probes.put(index, plan.keepsProfiles(index) ? probe : new Probe(reading, ProbeProfiles.NONE));
    findings.add(reading);
    if (index == 0) {
      idle.get().ifPresent(before -> findings.setNoise(IdleNoise.between(before, reading)));
    }
    reading.death().ifPresent(death -> {
      String failure = "the target died before probe " + (index + 1) + " (" + reading.label() + "): " + death;
      if (findings.addFirstFailure(failure)) {
        LOG.error(failure);
      }
    });
  }

  /** Every check of a window, judged from its baseline to {@code closingProbe}, through {@code round}. */
  private List<CheckResult> look(PhaseWindow window, int closingProbe, int round, Look look) {
    Probe baseline = probes.get(baselineOf(window));
    Probe closing = probes.get(closingProbe);
    List<CheckResult> judged = new ArrayList<>();
    for (GrowthCheck check : window.growthChecks()) {
      CheckKind kind = check.kind();
      judged.add(GrowthRule.evaluate(kind, window.phase(), baseline.reading().get(kind.signal()),
          closing.reading().get(kind.signal()), check.limit(),
          () -> sites.of(kind, baseline.profiles(), closing.profiles())));
    }
    RatePoints points = points();
    long windowRequests = points.requests(window, round);
    Duration load = Duration.between(baseline.reading().takenAt(), closing.reading().takenAt());
    List<CheckResult> growths = List.copyOf(judged);
    for (RateCheck check : window.rateChecks()) {
      Signal signal = check.kind().signal();
      // A growth beyond its flat limit, or goroutines the runtime proved leaked, is no cache still filling.
      boolean large = growths.stream().anyMatch(c -> c.status() == Status.KO && (c.kind().signal() == signal
          || (signal == Signal.GOROUTINES && c.kind() == CheckKind.LEAKED_GOROUTINES)));
      Look kindLook = new Look(look.last(), check.kind().isBytes() ? 0 : look.jitter(), large, load, look.bound());
      Supplier<Where> where = () -> sites.of(check.kind(), baseline.profiles(), closing.profiles());
      CheckResult rate = RateRule.evaluate(check.kind(), window.phase(),
          points.of(window, check.kind(), baselineOf(window), round, closingProbe), noise(check), check.limit(),
          windowRequests, check.minRequests(), kindLook, where);
      if (signal == Signal.GOROUTINES) {
        rate = RateRule.provedAtLeast(rate, growth(baseline.reading(), closing.reading(), Signal.LEAKED_GOROUTINES),
            windowRequests, where);
      }
      judged.add(rate);
    }
    return judged;
  }

  /** The phase's checks are final: reported, its baseline judged, and after the last phase the whole run's. */
  private Step conclude(PhaseWindow window, int closingProbe, int round, List<CheckResult> checks,
      String secondLook) {
    closed.put(window.phase(), new Closed(closingProbe, round));
    List<CheckResult> out = new ArrayList<>();
    checks.forEach(check -> out.add(report(check)));
    rates.put(window.phase(), checks.stream().filter(c -> c.kind().rule() == CheckKind.Rule.RATE).toList());
    plan.baselineOf(window.phase()).flatMap(check -> baseline(check, checks)).ifPresent(out::add);
    findings.add(new PhaseEnd(window.phase(), round, rounds.reasons(window), openingOf(window), closingProbe,
        secondLook));
    if (window.equals(plan.lastWindow())) {
      out.addAll(judgeWholeRun());
    }
    return new Step(out, Optional.of(window), Optional.empty());
  }

  /**
   * A second look for the growth that would fail, when the plan gives the phase one. Lingering shows as a level
   * at the probe after the last round, not as growth in every round: a signal whose rate grew beyond its limit
   * along a line through three probes or more needs none, and neither do goroutines the runtime proved leaked.
   */
  private Optional<SecondLook> secondLook(PhaseWindow window, int closingProbe, int round,
      List<CheckResult> checks) {
    if (window.confirmationProbe().isEmpty() || plan.sequencing().grace().isEmpty()) {
      return Optional.empty();
    }
    boolean proved = checks.stream().anyMatch(c -> c.kind() == CheckKind.LEAKED_GOROUTINES
        && c.status() == Status.KO);
    Set<Signal> steady = Lingering.steadilyGrowing(checks);
    List<CheckResult> lingering = checks.stream()
        .filter(c -> c.status() == Status.KO && Lingering.MAY_LINGER.contains(c.kind()))
        .filter(c -> !(proved && c.kind().signal() == Signal.GOROUTINES))
        .filter(c -> !steady.contains(c.kind().signal())).toList();
    if (lingering.isEmpty()) {
      return Optional.empty();
    }
    ProbeReading baseline = probes.get(baselineOf(window)).reading();
    ProbeReading closing = probes.get(closingProbe).reading();
    long provedGrowth = proved ? growth(baseline, closing, Signal.LEAKED_GOROUTINES) : 0;
    long allowance = (long) Math.ceil(jitter(window, round));
    OptionalLong goroutines = at(baseline, Signal.GOROUTINES, allowance + provedGrowth);
    OptionalLong descriptors = at(baseline, Signal.OPEN_FDS, allowance);
    boolean heapOnly = lingering.stream().allMatch(c -> c.kind().isBytes())
        && !above(closing, Signal.GOROUTINES, goroutines) && !above(closing, Signal.OPEN_FDS, descriptors);
    return Optional.of(new SecondLook(window, closingProbe, round, checks, goroutines, descriptors, heapOnly,
        plan.sequencing().grace().get()));
  }

  private static OptionalLong at(ProbeReading reading, Signal signal, long plus) {
    Measurement m = reading.get(signal);
    return m.isMeasured() ? OptionalLong.of(m.value() + plus) : OptionalLong.empty();
  }

  private static boolean above(ProbeReading reading, Signal signal, OptionalLong atMost) {
    Measurement m = reading.get(signal);
    return atMost.isPresent() && m.isMeasured() && m.value() > atMost.getAsLong();
  }

  private static long growth(ProbeReading from, ProbeReading to, Signal signal) {
    Measurement a = from.get(signal);
    Measurement b = to.get(signal);
    return a.isMeasured() && b.isMeasured() ? Math.max(0, b.value() - a.value()) : 0;
  }

  /** The probe growth is judged from: with rounds the probe after round 1 (warm-up), else the opening one. */
  private int baselineOf(PhaseWindow window) {
    return window.rounds() > 1 ? window.baselineProbe() : openingOf(window);
  }

  /** The probe before a window's first round: the previous window's last, as it was decided. */
  private int openingOf(PhaseWindow window) {
    int at = plan.windows().indexOf(window);
    if (at <= 0) {
      return window.openingProbe();
    }
    Closed before = closed.get(plan.windows().get(at - 1).phase());
    return before == null ? window.openingProbe() : before.probe();
  }

  /** How long the round before the next one took, probe to probe: what another round is expected to cost. */
  private Duration roundTook(PhaseWindow window, int round) {
    Probe after = probes.get(window.probeAfter(round));
    Probe before = round > 1 ? probes.get(window.probeAfter(round - 1)) : probes.get(openingOf(window));
    if (after == null || before == null) {
      return Duration.ZERO;
    }
    return Duration.between(before.reading().takenAt(), after.reading().takenAt());
  }

  private String bound(PhaseWindow window, int round, boolean atMax) {
    if (!window.hasExtraRounds()) {
      return "in its " + round + (round == 1 ? " round" : " rounds");
    }
    return atMax ? "after " + round + " rounds (preflight.rounds.max)"
        : "after " + round + " rounds: the run's time for extra rounds is spent (preflight.rounds.extra-time)";
  }

  /**
   * How many goroutines a count moves at rest, whole: the two idle probes' difference, never below one (an
   * idle keep-alive connection's goroutine comes and goes). One step within it never fails a run alone.
   */
  private double jitter() {
    Optional<ProbeReading> before = idle.get();
    Probe first = probes.get(0);
    if (before.isEmpty() || first == null) {
      return 1;
    }
    Measurement difference = IdleNoise.between(before.get(), first.reading()).goroutineDifference();
    return Math.max(1, difference.isMeasured() ? difference.value() : 0);
  }

  /**
   * The jitter at rest, or more when the phase's own readings between rounds showed more: a count that rose
   * and fell back (or fell and rose back) between three probes in a row moved by that much with nothing
   * retained, as timers and keep-alive connections do. A count that only fell (goroutines left from an
   * earlier phase ending) shows no jitter.
   */
  private double jitter(PhaseWindow window, int throughRound) {
    List<Long> counts = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    at.add(baselineOf(window));
    for (int round = window.rounds() > 1 ? 2 : 1; round <= throughRound; round++) {
      at.add(window.probeAfter(round));
    }
    for (int probe : at) {
      Probe taken = probes.get(probe);
      Measurement m = taken == null ? Measurement.failed("not taken") : taken.reading().get(Signal.GOROUTINES);
      if (m.isMeasured()) {
        counts.add(m.value());
      }
    }
    double moved = 0;
    for (int i = 1; i + 1 < counts.size(); i++) {
      long a = counts.get(i - 1);
      long b = counts.get(i);
      long c = counts.get(i + 1);
      if ((b > a && c < b) || (b < a && c > b)) {
        moved = Math.max(moved, Math.min(Math.abs(b - a), Math.abs(c - b)));
      }
    }
    return Math.max(jitter(), moved);
  }

  /**
   * The phase's figures, just judged, against the earlier runs. A phase with too few of them writes no
   * record (nothing was judged, so nothing passes); the reports say so.
   */
  private Optional<CheckResult> baseline(BaselineCheck check, List<CheckResult> phase) {
    CheckResult result = BaselineRule.evaluate(check, currentFigures(phase));
    findings.add(result);
    if (!result.status().recorded()) {
      LOG.info("{} not judged: {}", check.recordName(), result.message());
      return Optional.empty();
    }
    log(result);
    return Optional.of(result);
  }

  /** What the baseline compares, as this run measured it; a figure left out was not measured. */
  private static Map<CheckKind, BaselineRule.Current> currentFigures(List<CheckResult> phase) {
    Map<CheckKind, BaselineRule.Current> figures = new EnumMap<>(CheckKind.class);
    for (CheckResult result : phase) {
      if (!CheckKind.BASELINED.contains(result.kind()) || result.figures().value() == null) {
        continue;
      }
      double value = result.figures().value();
      // A rate rose against the baseline only if beyond doubt, as a KO of its own: its 99.99 % bound.
      Double koLow = result.figures().koLow();
      figures.put(result.kind(), result.interval() == null ? BaselineRule.Current.count(value)
          : new BaselineRule.Current(value, koLow != null ? koLow : result.interval().low()));
    }
    return figures;
  }

  private List<CheckResult> judgeWholeRun() {
    RatePoints points = points();
    List<CheckResult> judged = new ArrayList<>();
    for (RateCheck check : plan.wholeRunChecks()) {
      judged.add(report(wholeRun(points, check)));
    }
    return judged;
  }

  /**
   * Every judged window, each counting only its own growth through the rounds it ran, less those that say
   * nothing of a steady leak: too few requests (as for their own rates), and growth that stopped by its last
   * step (a plateau, at the whole run's limit). With fewer than two left, the phases' own rates have said it
   * all.
   */
  private CheckResult wholeRun(RatePoints points, RateCheck check) {
    List<List<RatePoint>> segments = new ArrayList<>();
    List<LeakSites.Span> spans = new ArrayList<>();
    List<String> ownRates = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    double noise = noise(check);
    for (PhaseWindow window : plan.judgedWindows()) {
      Closed end = closed.get(window.phase());
      if (end == null) {
        continue;
      }
      long windowRequests = points.requests(window, end.roundsRun());
      List<RatePoint> own = points.of(window, check.kind(), baselineOf(window), end.roundsRun(), end.probe());
      if (windowRequests < check.minRequests()) {
        leftOut.add(window.phase() + " (" + RateText.count(windowRequests) + " requests)");
      } else if (plateau(window, check) || stopped(own, noise, check)) {
        leftOut.add(window.phase() + " (a plateau)");
      } else {
        segments.add(own);
        spans.add(new LeakSites.Span(profiles(baselineOf(window)),
            profiles(end.probe())));
        ownRates.add(window.phase() + " " + ownRate(own, check.kind()));
      }
    }
    String scope = CheckResult.WHOLE_RUN;
    if (segments.size() < 2) {
      return RateRule.notJudged(check.kind(), scope, check.limit(), 0, "not judged " + RateText.per(check.kind())
          + " " + RateText.scope(scope) + ": " + segments.size() + " of the judged phases can be joined, two are "
          + "needed" + (leftOut.isEmpty() ? "" : "; left out: " + String.join(", ", leftOut)));
    }
    String detail = segments.size() + " judged phases: " + String.join(", ", ownRates)
        + (leftOut.isEmpty() ? "" : "; left out: " + String.join(", ", leftOut));
    Look look = Look.last(check.kind().isBytes() ? 0 : jitter(), true, Duration.ZERO, "at the end of the run");
    return RateRule.acrossSegments(check.kind(), scope, segments, noise, check.limit(), detail, look,
        () -> sites.across(check.kind(), spans));
  }

  /** Growth above the whole run's limit that had stopped by the window's last step. */
  private static boolean stopped(List<RatePoint> own, double noise, RateCheck check) {
    if (own.size() < 3 || own.stream().anyMatch(p -> !p.value().isMeasured())) {
      return false;
    }
    double perUnit = check.limit() / check.kind().perCount();
    RatePoint first = own.get(0);
    RatePoint last = own.get(own.size() - 1);
    double overall = last.count() <= 0 ? 0 : (last.value().value() - first.value().value()) / (double) last.count();
    return overall > perUnit && Plateau.of(own, noise, perUnit).reached();
  }

  private static String ownRate(List<RatePoint> own, CheckKind kind) {
    if (own.size() < 2 || own.stream().anyMatch(p -> !p.value().isMeasured())
        || own.get(own.size() - 1).count() <= 0) {
      return "unmeasured";
    }
    LineFit fit = LineFit.of(own.stream().map(p -> (double) p.count()).toList(),
        own.stream().map(p -> (double) p.value().value()).toList(), 0);
    return kind.format(fit.slope() * kind.perCount());
  }

  /** Whether the phase's own rate of this kind had reached a plateau. */
  private boolean plateau(PhaseWindow window, RateCheck check) {
    return rates.getOrDefault(window.phase(), List.of()).stream()
        .anyMatch(r -> r.kind() == check.kind() && Boolean.TRUE.equals(r.figures().plateau()));
  }

  private RatePoints points() {
    return new RatePoints(probe -> Optional.ofNullable(probes.get(probe)).map(Probe::reading), requests);
  }

  /** The spread of one reading: the target's measured idle noise, never below the configured floor. */
  private double noise(RateCheck check) {
    Optional<ProbeReading> before = idle.get();
    Probe first = probes.get(0);
    double measured = before.isEmpty() || first == null ? 0
        : IdleNoise.between(before.get(), first.reading()).spreadOf(check.kind().signal());
    return Math.max(check.noiseFloor(), measured);
  }

  private CheckResult report(CheckResult result) {
    findings.add(result);
    log(result);
    return result;
  }

  private static void log(CheckResult result) {
    (result.status() == Status.OK ? LOG.atInfo() : LOG.atWarn())
        .log("{} {}: {}", result.status(), result.recordName(), result.message());
  }
}
