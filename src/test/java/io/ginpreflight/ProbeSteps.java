package io.ginpreflight;

import io.ginpreflight.gatling.GatlingRecord;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Status;
import io.ginpreflight.plan.PhaseWindow;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.verdict.Judge;
import io.ginpreflight.verdict.SecondLook;
import io.ginpreflight.watch.MemoryWatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the probe users of a run's populations do, as Gatling records: take a probe, let the judge say what it
 * leads to (a second look: wait for growth to drain, probe again), and record the checks it makes final. The
 * checks of a phase decided apart (extra rounds, an attribution of a failed rate) are recorded by its decision
 * step instead, once the phase is decided, so the run goes on only after them; the probe after an extra round
 * or an attribution round that did not run takes nothing.
 */
final class ProbeSteps {

  private final RunPlan plan;
  private final Judge judge;
  private final MemoryWatch watch;
  /** The checks of each phase with extra rounds, once decided: its decision step records them. */
  private final Map<String, CompletableFuture<List<CheckResult>>> decisions = new ConcurrentHashMap<>();

  ProbeSteps(RunPlan plan, Judge judge, MemoryWatch watch) {
    this.plan = plan;
    this.judge = judge;
    this.watch = watch;
    plan.windows().stream().filter(plan::decidedApart)
        .forEach(w -> decisions.put(w.phase(), new CompletableFuture<>()));
  }

  /** Probes at a probe point of the plan and judges what it leads to; never blocks a Gatling thread. */
  CompletableFuture<List<GatlingRecord>> probe(ProbePoint point) {
    if (!judge.takes(point)) {
      return CompletableFuture.completedFuture(List.of());
    }
    long start = System.currentTimeMillis();
    CompletableFuture<Judge.Step> judged = watch.probe(point.index(), point.label(), plan.keepsProfiles(point.index()))
        .thenCompose(probe -> follow(judge.record(point, probe)));
    if (plan.attributionClosedBy(point.index()).isPresent()) {
      // An attribution round that cannot be read ends the attribution, not the phase: its checks stand.
      judged = judged.exceptionally(failure -> judge.attributionFailed(point, "probe " + (point.index() + 1)
          + " failed: " + failure.getMessage()));
    }
    return judged
        .thenApply(step -> {
          watch.enterPhase(step.decided().map(this::stepAfter).orElse(point.nextStep()));
          if (step.decided().filter(plan::decidedApart).isPresent()) {
            decisions.get(step.decided().get().phase()).complete(step.checks());
            return List.<GatlingRecord>of();
          }
          return records(step.checks(), start, System.currentTimeMillis());
        })
        .whenComplete((records, failure) -> {
          if (failure != null) {
            undecidable("probe " + (point.index() + 1) + " failed: " + failure);
          }
        });
  }

  /** The checks of a phase decided apart (extra rounds, an attribution), as Gatling records, once it is decided. */
  CompletableFuture<List<GatlingRecord>> decision(PhaseWindow window) {
    long start = System.currentTimeMillis();
    return decisions.get(window.phase()).thenApply(checks -> records(checks, start, System.currentTimeMillis()));
  }

  /** Whether a round of a phase runs: asked for by the time its population starts (extra rounds). */
  boolean runsRound(PhaseWindow window, int round) {
    return judge.runs(window, round);
  }

  /**
   * The run ends: attributions still running end with what they found (their checks are reported), and phases
   * that can no longer be decided release their decision steps.
   */
  void end(String why) {
    judge.stopAttributions("the run ended");
    undecidable(why);
  }

  /** Phases that can no longer be decided (a probe failed, the run was stopped) release their decision steps. */
  private void undecidable(String why) {
    decisions.values().forEach(d -> d.completeExceptionally(new IllegalStateException(why)));
  }

  /** A step that needs a second look: wait for growth to drain (or the grace), probe again, judge again. */
  private CompletableFuture<Judge.Step> follow(Judge.Step step) {
    if (step.secondLook().isEmpty()) {
      return CompletableFuture.completedFuture(step);
    }
    SecondLook look = step.secondLook().get();
    ProbePoint point = plan.probe(look.probe());
    return watch.awaitDrain(look.goroutinesAtMost(), look.descriptorsAtMost(), look.waitWholeGrace(), look.grace())
        .thenCompose(waited -> watch.probe(point.index(), point.label(), true)
            .thenApply(second -> judge.confirm(look, second, waited)));
  }

  /** The load that follows a decided phase: the next phase's first round, or the end. */
  private String stepAfter(PhaseWindow window) {
    return plan.after(window).map(next -> next.roundScenarios().get(0)).orElse("end");
  }

  /**
   * Each check as Gatling records it: KO with its sentence when it fails the run, else OK. A check that is
   * neither a pass nor a failure by the user's choice (undecided, or not measured, with {@code warn}) is OK
   * under its own name, so the assertions hold, and also recorded under a name that says its status, so that
   * Gatling's report never shows it as a plain OK.
   */
  private List<GatlingRecord> records(List<CheckResult> checks, long start, long end) {
    List<GatlingRecord> records = new ArrayList<>();
    for (CheckResult check : checks) {
      if (plan.fails(check.status())) {
        records.add(GatlingRecord.ko(check.recordName(), check.message(), start, end));
        continue;
      }
      records.add(GatlingRecord.ok(check.recordName(), start, end));
      if (check.status() == Status.UNDECIDED || check.status() == Status.INCONCLUSIVE) {
        records.add(GatlingRecord.ok(check.recordName().replaceFirst("^memory: ", "memory: " + check.status() + " "),
            start, end));
      }
    }
    return records;
  }
}
