package io.ginpreflight.verdict;

import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.AttributionPlan;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.RunPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's attributions: after a phase is decided with a rate KO (or undecided at its bound), rounds that drive
 * its family's requests apart, one group a round ({@link Bisection}), each judged like the phase's rates, within
 * the run's time for them ({@code preflight.attribution.max-time}). The judge starts one, feeds it each round's
 * probe, and gets the phase's checks back with what it found when it ends.
 */
final class Attributions {

  private static final Logger LOG = LoggerFactory.getLogger(Attributions.class);

  /**
   * What the judge reads of one round: a rate between two probes over the round's requests, each reading spread
   * at least as the phase's own line showed ({@code spread}); empty when unmeasured.
   */
  interface RoundReader {
    Optional<PhaseAttribution.Found> read(PhaseWindow window, CheckKind kind, int fromProbe, int toProbe,
        String scenario, double spread);
  }

  /** A finished attribution: the phase's checks with what it found, and what followed them. */
  record Finished(PhaseWindow window, List<CheckResult> checks, List<CheckResult> after) {}

  private final RunPlan plan;
  private final RoundRates reader;
  private final Map<String, PhaseAttribution> running = new ConcurrentHashMap<>();
  private volatile Duration used = Duration.ZERO;

  Attributions(RunPlan plan, RoundRates reader) {
    this.plan = plan;
    this.reader = reader;
  }

  /**
   * Starts the attribution of a decided phase when its plan has one, a rate of it failed (or is undecided) with a
   * fitted figure, and a round fits the run's time for them; its first round then runs.
   *
   * @param after the checks that followed the phase's (its baseline, the whole run's), recorded with them
   * @param roundsRun the phase's rounds: what one journey sent in them turns a rate per request into one per journey
   * @return false when none starts: the phase's checks are final as they are
   */
  boolean start(PhaseWindow window, List<CheckResult> checks, List<CheckResult> after, int fromProbe,
      Instant fromProbeAt, Duration roundTook, int roundsRun) {
    Optional<AttributionPlan> laidOut = plan.attributionOf(window.phase());
    List<CheckKind> kinds = failedKinds(window, checks);
    if (laidOut.isEmpty() || kinds.isEmpty() || !fits(roundTook)) {
      return false;
    }
    double perRequest = familyRate(checks, kinds.get(0));
    PhaseAttribution attribution = new PhaseAttribution(laidOut.get(), window, kinds,
        perRequest * reader.requestsPerJourney(window, roundsRun), checks, after, fromProbe, fromProbeAt, roundTook);
    if (!attribution.choose(1)) {
      return false;
    }
    running.put(window.phase(), attribution);
    LOG.info("{}: which request keeps it: attribution round 1 of at most {} drives {} alone", window.phase(),
        laidOut.get().slots().size(), attribution.describe(1));
    return true;
  }

  boolean runs(PhaseWindow window, int round) {
    PhaseAttribution attribution = running.get(window.phase());
    return attribution != null && attribution.runs(round);
  }

  boolean drives(PhaseWindow window, int round, int part) {
    PhaseAttribution attribution = running.get(window.phase());
    return attribution != null && attribution.drives(round, part);
  }

  String group(PhaseWindow window, int round) {
    PhaseAttribution attribution = running.get(window.phase());
    return attribution == null ? window.phase() + " attribution " + round : attribution.group(round);
  }

  /**
   * The probe after an attribution round: what the round found, then either the next round (empty) or, when the
   * search ended, its rounds or its time ran out, the phase's checks with what the rounds found.
   */
  Optional<Finished> record(AttributionPlan laidOut, int round, int probe, Instant at) {
    PhaseAttribution attribution = running.get(laidOut.phase());
    if (attribution == null) {
      return Optional.empty();
    }
    String scenario = laidOut.slot(round).scenario();
    Map<CheckKind, PhaseAttribution.Found> readings = new EnumMap<>(CheckKind.class);
    for (CheckKind kind : attribution.kinds()) {
      Optional<PhaseAttribution.Found> found = reader.read(attribution.window(), kind, attribution.lastProbe(), probe,
          scenario, attribution.spread(kind));
      if (found.isEmpty()) {
        attribution.stop("the signal could not be read at probe " + (probe + 1));
        return Optional.of(finish(attribution));
      }
      readings.put(kind, found.get());
    }
    attribution.measured(round, probe, at, readings);
    used = used.plus(attribution.roundTook());
    if (round >= laidOut.slots().size()) {
      attribution.stop("its " + round + " rounds");
      return Optional.of(finish(attribution));
    }
    if (!fits(attribution.roundTook())) {
      attribution.stop("preflight.attribution.max-time");
      return Optional.of(finish(attribution));
    }
    if (!attribution.choose(round + 1)) {
      return Optional.of(finish(attribution));
    }
    LOG.info("{}: attribution round {} of at most {} drives {} alone", laidOut.phase(), round + 1,
        laidOut.slots().size(), attribution.describe(round + 1));
    return Optional.empty();
  }

  /** Ends an attribution before its search did (a probe failed, the run stopped): what was found so far. */
  Optional<Finished> stop(String phase, String why) {
    PhaseAttribution attribution = running.get(phase);
    if (attribution == null) {
      return Optional.empty();
    }
    attribution.stop(why);
    return Optional.of(finish(attribution));
  }

  /** Every attribution still running, ended with what it found so far. */
  List<Finished> stopAll(String why) {
    List<Finished> finished = new ArrayList<>();
    List.copyOf(running.keySet()).forEach(phase -> stop(phase, why).ifPresent(finished::add));
    return finished;
  }

  private Finished finish(PhaseAttribution attribution) {
    running.remove(attribution.window().phase());
    Map<Signal, Attribution> bySignal = new EnumMap<>(Signal.class);
    for (CheckKind kind : attribution.kinds()) {
      Attribution result = attribution.result(kind);
      bySignal.put(kind.signal(), result);
      LOG.info("{}: {} after {} attribution rounds: {}", attribution.window().phase(), kind.checkName(),
          result.rounds(), result.sentence());
    }
    return new Finished(attribution.window(), AttributedChecks.apply(attribution.checks(), bySignal),
        attribution.after());
  }

  private boolean fits(Duration round) {
    return plan.attribution().maxTime().map(max -> used.plus(round).compareTo(max) <= 0).orElse(false);
  }

  /**
   * The rates to attribute, the one the search follows first: goroutines when a goroutine rate failed (a
   * goroutine keeps heap too), the heap's bytes per request when a heap rate did. A rate failed when it is KO, or
   * undecided with a fitted figure (too few requests say nothing of which request).
   */
  private static List<CheckKind> failedKinds(PhaseWindow window, List<CheckResult> checks) {
    List<CheckKind> kinds = new ArrayList<>();
    boolean goroutines = checks.stream().anyMatch(c -> failed(c) && c.kind().signal() == Signal.GOROUTINES);
    boolean heap = checks.stream().anyMatch(c -> failed(c) && c.kind().signal() == Signal.POST_GC_HEAP_BYTES);
    if (goroutines && hasRate(window, CheckKind.GOROUTINES_PER_1000_REQUESTS)) {
      kinds.add(CheckKind.GOROUTINES_PER_1000_REQUESTS);
    }
    if (heap && hasRate(window, CheckKind.RETAINED_BYTES_PER_REQUEST)) {
      kinds.add(CheckKind.RETAINED_BYTES_PER_REQUEST);
    }
    return kinds;
  }

  private static boolean failed(CheckResult check) {
    return check.kind().rule() == CheckKind.Rule.RATE && check.figures().value() != null
        && (check.status() == Status.KO || check.status() == Status.UNDECIDED);
  }

  private static boolean hasRate(PhaseWindow window, CheckKind kind) {
    return window.rateChecks().stream().anyMatch(c -> c.kind() == kind);
  }

  /** The family's own rate of the kind, per request; 0 when it was not fitted. */
  private static double familyRate(List<CheckResult> checks, CheckKind kind) {
    return checks.stream().filter(c -> c.kind() == kind && c.figures().value() != null)
        .mapToDouble(c -> c.figures().value()).findFirst().orElse(0);
  }
}
