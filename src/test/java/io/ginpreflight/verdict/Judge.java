package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.IdleNoise;
import io.ginpreflight.model.ProbeReading;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.BaselineCheck;
import io.ginpreflight.plan.GrowthCheck;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.RateCheck;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.watch.Probe;
import io.ginpreflight.watch.ProbeProfiles;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each probe as it comes: keeps its reading and profiles and, when it closes a judged window of the
 * plan, evaluates exactly the checks the plan lists for that window, then the phase's baseline from the
 * figures just judged; after the last probe, the whole run's rates. Every result goes to the run's
 * findings, which the reports read; the judge never reads them back.
 */
public final class Judge {

  private static final Logger LOG = LoggerFactory.getLogger(Judge.class);

  private final RunPlan plan;
  private final RequestCounts requests;
  private final LeakSites sites;
  private final RunFindings findings;
  private final Map<Integer, Probe> probes = new ConcurrentHashMap<>();
  /** The rates judged per phase: the whole run leaves out a phase whose growth had reached a plateau. */
  private final Map<String, List<CheckResult>> rates = new ConcurrentHashMap<>();
  private final Supplier<Optional<ProbeReading>> idle;

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
  }

  /** Records a probe and returns the checks it completes, in plan order. */
  public List<CheckResult> record(ProbePoint point, Probe probe) {
    ProbeReading reading = probe.reading();
    probes.put(point.index(), plan.keepsProfiles(point.index()) ? probe : new Probe(reading, ProbeProfiles.NONE));
    findings.add(reading);
    if (point.index() == 0) {
      idle.get().ifPresent(before -> findings.setNoise(IdleNoise.between(before, reading)));
    }
    reading.death().ifPresent(death -> {
      String failure = "the target died before probe " + (point.index() + 1) + " (" + point.label() + "): " + death;
      if (findings.addFirstFailure(failure)) {
        LOG.error(failure);
      }
    });
    List<CheckResult> completed = new ArrayList<>();
    plan.closedBy(point.index()).filter(PhaseWindow::judged).ifPresent(w -> completed.addAll(judge(w)));
    if (point.index() == plan.lastProbe()) {
      completed.addAll(judgeWholeRun());
    }
    return completed;
  }

  /** The profiles a probe kept, parsed, for a comparison with another run; empty when it kept none. */
  public ProbeProfiles profiles(int probe) {
    return Optional.ofNullable(probes.get(probe)).map(Probe::profiles).orElse(ProbeProfiles.NONE);
  }

  private List<CheckResult> judge(PhaseWindow window) {
    Probe baseline = probes.get(window.baselineProbe());
    Probe closing = probes.get(window.closingProbe());
    List<CheckResult> judged = new ArrayList<>();
    for (GrowthCheck check : window.growthChecks()) {
      CheckKind kind = check.kind();
      judged.add(report(GrowthRule.evaluate(kind, window.phase(), baseline.reading().get(kind.signal()),
          closing.reading().get(kind.signal()), check.limit(),
          () -> sites.of(kind, baseline.profiles(), closing.profiles()))));
    }
    RatePoints points = points();
    List<CheckResult> phaseRates = new ArrayList<>();
    for (RateCheck check : window.rateChecks()) {
      long windowRequests = points.requests(window);
      CheckResult rate = windowRequests < check.minRequests()
          ? RateRule.tooFewRequests(check.kind(), window.phase(), windowRequests, check.minRequests(), check.limit())
          : RateRule.evaluate(check.kind(), window.phase(), points.of(window, check.kind()), noise(check),
              check.limit(), () -> sites.of(check.kind(), baseline.profiles(), closing.profiles()));
      phaseRates.add(report(rate));
    }
    rates.put(window.phase(), phaseRates);
    judged.addAll(phaseRates);
    plan.baselineOf(window.phase()).flatMap(check -> baseline(check, judged)).ifPresent(judged::add);
    return judged;
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
      figures.put(result.kind(), result.interval() == null ? BaselineRule.Current.count(value)
          : new BaselineRule.Current(value, result.interval().low()));
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
   * Every judged window, each counting only its own growth, less those that say nothing of a steady leak:
   * too few requests (as for their own rates), and growth that stopped by its last step (a plateau, at the
   * whole run's limit). With fewer than two left, the phases' own rates have said it all.
   */
  private CheckResult wholeRun(RatePoints points, RateCheck check) {
    List<List<RatePoint>> segments = new ArrayList<>();
    List<LeakSites.Span> spans = new ArrayList<>();
    List<String> ownRates = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    double noise = noise(check);
    for (PhaseWindow window : plan.judgedWindows()) {
      long windowRequests = points.requests(window);
      List<RatePoint> own = points.of(window, check.kind());
      if (windowRequests < check.minRequests()) {
        leftOut.add(window.phase() + " (" + RateText.count(windowRequests) + " requests)");
      } else if (plateau(window, check) || stopped(own, noise, check)) {
        leftOut.add(window.phase() + " (a plateau)");
      } else {
        segments.add(own);
        spans.add(new LeakSites.Span(profiles(window.baselineProbe()), profiles(window.closingProbe())));
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
    return RateRule.acrossSegments(check.kind(), scope, segments, noise, check.limit(), detail,
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
