package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.IdleNoise;
import io.ginpreflight.model.PhaseEnd;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.AttributionPlan;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
  private final ProbesSoFar probes;
  /** The final rates per phase: the whole run leaves out a phase whose growth had reached a plateau. */
  private final Map<String, List<CheckResult>> rates = new ConcurrentHashMap<>();
  private final Rounds rounds;
  private final Attributions attributions;
  private final Supplier<Optional<ProbeReading>> idle;

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
    this.probes = new ProbesSoFar(plan, idle);
    this.rounds = new Rounds(plan.sequencing().extraTime());
    this.attributions = new Attributions(plan, new RoundRates(
        probe -> Optional.ofNullable(probes.get(probe)).map(Probe::reading), requests, probes::noise, probes::jitter));
  }

  /** Whether a round of a phase runs: a planned one always, an extra one only when its phase asked for it. */
  public boolean runs(PhaseWindow window, int round) {
    return rounds.runs(window, round);
  }

  /** Whether an attribution round runs: when the phase's attribution chose requests for it. */
  public boolean runsAttribution(PhaseWindow window, int round) {
    return attributions.runs(window, round);
  }

  /** Whether an attribution round sends one of the phase's requests (by its place in the journey). */
  public boolean attributionDrives(PhaseWindow window, int round, int part) {
    return attributions.drives(window, round, part);
  }

  /** The group an attribution round's requests appear under in Gatling's report. */
  public String attributionGroup(PhaseWindow window, int round) {
    return attributions.group(window, round);
  }

  /**
   * Whether a probe is taken: the probe after an extra round only when that round ran, after an attribution round
   * only when it ran.
   */
  public boolean takes(ProbePoint point) {
    Optional<AttributionPlan> attribution = plan.attributionClosedBy(point.index());
    if (attribution.isPresent()) {
      return plan.windows().stream().filter(w -> w.phase().equals(attribution.get().phase())).findFirst()
          .map(w -> runsAttribution(w, attribution.get().slotClosedBy(point.index()).orElseThrow().round()))
          .orElse(false);
    }
    return plan.windowOf(point.index())
        .map(w -> runs(w, w.roundClosedBy(point.index()).getAsInt())).orElse(true);
  }

  /** Records a probe and returns what it leads to. */
  public Step record(ProbePoint point, Probe probe) {
    keep(point.index(), probe);
    Optional<AttributionPlan> attribution = plan.attributionClosedBy(point.index());
    if (attribution.isPresent()) {
      int round = attribution.get().slotClosedBy(point.index()).orElseThrow().round();
      return attributions.record(attribution.get(), round, point.index(), probe.reading().takenAt())
          .map(done -> finish(done, point.index())).orElse(Step.NONE);
    }
    Optional<PhaseWindow> found = plan.windowOf(point.index());
    if (found.isEmpty()) {
      return Step.NONE;
    }
    PhaseWindow window = found.get();
    int round = window.roundClosedBy(point.index()).getAsInt();
    if (probes.closed(window).filter(decided -> round > decided.roundsRun()).isPresent()) {
      return Step.NONE;  // a round nobody asked for: its population took no probe, and none is judged
    }
    if (round > window.rounds()) {
      rounds.ended(window, Instant.now());
    }
    if (round < window.rounds()) {
      return Step.NONE;
    }
    if (!window.judged()) {
      probes.close(window, point.index(), round);
      return new Step(window.equals(plan.lastWindow()) ? judgeWholeRun() : List.of(), Optional.empty(),
          Optional.empty());
    }
    boolean atMax = round >= window.maxRounds();
    boolean last = atMax || !rounds.fits(probes.roundTook(window, round));
    double jitter = probes.jitter(window, round);
    Look look = last ? Look.last(jitter, false, Duration.ZERO, bound(window, round, atMax))
        : Look.interim(jitter, false, Duration.ZERO);
    List<CheckResult> first = look(window, point.index(), round, look);
    // A baseline that may have risen asks for rounds as an undecided rate does: the same figures decide both.
    Optional<CheckResult> against = plan.baselineOf(window.phase())
        .map(check -> BaselineRule.evaluate(check, currentFigures(first)));
    List<CheckResult> undecided = Stream.concat(first.stream(), against.stream())
        .filter(c -> c.status() == Status.UNDECIDED).toList();
    List<CheckResult> failed = Lingering.failedBeyondDoubt(first);
    boolean failedAlready = !last && !undecided.isEmpty() && !failed.isEmpty();
    // A phase that failed already runs no more rounds to decide what no longer changes its verdict: what is
    // undecided stays so, and says why.
    List<CheckResult> checks = !failedAlready ? first : look(window, point.index(), round, Look.last(jitter, false,
        Duration.ZERO, "after " + round + " rounds: the phase failed on " + failed.stream()
            .map(c -> c.kind().checkName()).distinct().collect(Collectors.joining(", ")) + ", so no more rounds ran"));
    if (!last && !failedAlready && !undecided.isEmpty()) {
      String reason = "round " + (round + 1) + " of at most " + window.maxRounds() + ": " + undecided.stream()
          .map(c -> c.kind().checkName() + " undecided, " + c.message()).collect(Collectors.joining("; "));
      rounds.ask(window, round + 1, reason, Instant.now());
      LOG.info("{}: {}", window.phase(), reason);
      return Step.NONE;
    }
    Optional<SecondLook> second = window.confirmationProbe().isEmpty() ? Optional.empty()
        : plan.sequencing().grace().flatMap(grace -> SecondLook.of(window, point.index(), round, checks,
            probes.get(probes.baselineOf(window)).reading(), probe.reading(), jitter, grace));
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
    Look look = Look.last(probes.jitter(window, pending.roundsRun()), false, Duration.ZERO, "after a second look");
    List<CheckResult> again = look(window, pending.probe(), pending.roundsRun(), look);
    List<CheckResult> merged = Lingering.merge(pending.firstLook(), again, waited);
    return conclude(window, pending.probe(), pending.roundsRun(), merged,
        Lingering.said(probes.get(pending.closingProbe()).reading(), probe.reading(), waited));
  }

  /** The profiles a probe kept, parsed, for a comparison with another run; empty when it kept none. */
  public ProbeProfiles profiles(int probe) {
    return probes.profiles(probe);
  }

  private void keep(int index, Probe probe) {
    ProbeReading reading = probe.reading();
    probes.keep(index, probe);
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
    Probe baseline = probes.get(probes.baselineOf(window));
    Probe closing = probes.get(closingProbe);
    List<CheckResult> judged = new ArrayList<>();
    for (GrowthCheck check : window.growthChecks()) {
      CheckKind kind = check.kind();
      judged.add(GrowthRule.evaluate(kind, window.phase(), baseline.reading().get(kind.signal()),
          closing.reading().get(kind.signal()), check.limit(),
          () -> sites.of(kind, baseline.profiles(), closing.profiles())));
    }
    RatePoints points = probes.points(requests);
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
          points.of(window, check.kind(), probes.baselineOf(window), round, closingProbe), probes.noise(check),
          check.limit(),
          windowRequests, check.minRequests(), kindLook, where);
      if (signal == Signal.GOROUTINES) {
        rate = RateRule.provedAtLeast(rate, ProbesSoFar.growth(baseline.reading(), closing.reading(),
            Signal.LEAKED_GOROUTINES), windowRequests, where);
      }
      judged.add(rate);
    }
    return judged;
  }

  /**
   * The phase's checks are final: its baseline judged, after the last phase the whole run's, and the checks
   * reported, unless a rate failed and its requests are driven apart first ({@link Attributions}): then they are
   * reported with what that found, once it ends.
   */
  private Step conclude(PhaseWindow window, int closingProbe, int round, List<CheckResult> checks,
      String secondLook) {
    probes.close(window, closingProbe, round);
    rates.put(window.phase(), checks.stream().filter(c -> c.kind().rule() == CheckKind.Rule.RATE).toList());
    List<CheckResult> after = new ArrayList<>();
    plan.baselineOf(window.phase()).flatMap(check -> baseline(check, checks)).ifPresent(after::add);
    findings.add(new PhaseEnd(window.phase(), round, rounds.reasons(window), probes.openingOf(window), closingProbe,
        secondLook));
    if (window.equals(plan.lastWindow())) {
      after.addAll(judgeWholeRun());
    }
    if (attributions.start(window, checks, after, closingProbe, probes.get(closingProbe).reading().takenAt(),
        probes.roundTook(window, round), round)) {
      return Step.NONE;
    }
    List<CheckResult> out = new ArrayList<>();
    checks.forEach(check -> out.add(report(check)));
    out.addAll(after);
    return new Step(out, Optional.of(window), Optional.empty());
  }

  /** An attribution ended: the phase's checks, with what it found, are final; the next phase starts after it. */
  private Step finish(Attributions.Finished done, int lastProbe) {
    probes.resumeAfter(done.window(), lastProbe);
    List<CheckResult> out = new ArrayList<>();
    done.checks().forEach(check -> out.add(report(check)));
    out.addAll(done.after());
    return new Step(out, Optional.of(done.window()), Optional.empty());
  }

  /**
   * An attribution round's probe failed: the attribution ends with what it found so far, and the phase is
   * decided.
   */
  public Step attributionFailed(ProbePoint point, String why) {
    return plan.attributionClosedBy(point.index())
        .flatMap(a -> attributions.stop(a.phase(), why).map(done -> finish(done, point.index())))
        .orElse(Step.NONE);
  }

  /** Every attribution still running ends with what it found so far (the run stops): their checks are reported. */
  public void stopAttributions(String why) {
    attributions.stopAll(why).forEach(done -> done.checks().forEach(this::report));
  }

  private String bound(PhaseWindow window, int round, boolean atMax) {
    if (!window.hasExtraRounds()) {
      return "in its " + round + (round == 1 ? " round" : " rounds");
    }
    return atMax ? "after " + round + " rounds (preflight.rounds.max)"
        : "after " + round + " rounds: the run's time for extra rounds is spent (preflight.rounds.extra-time)";
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
    return plan.wholeRunChecks().stream()
        .map(check -> report(WholeRun.judge(check, plan, probes, requests, rates, sites))).toList();
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
