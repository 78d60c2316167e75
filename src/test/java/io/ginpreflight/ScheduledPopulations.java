package io.ginpreflight;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.ginpreflight.config.DistributionSettings;
import io.ginpreflight.gatling.GatlingRecord;
import io.ginpreflight.gatling.GeneratorTimeline;
import io.ginpreflight.gatling.RecordingStep;
import io.ginpreflight.gatling.ShardedInjection;
import io.ginpreflight.plan.Generators;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.ProbeSchedule;
import io.ginpreflight.plan.RunPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distributed run's populations, all started at once and placed on the {@link ProbeSchedule}: every
 * load step waits ({@code nothingFor}) until its slot, and one population of one user, the probe user,
 * waits for each probe slot and probes. Gatling Enterprise gives a one-user population to one generator
 * only, so that generator alone watches, judges and reports; every generator's load of a step still falls
 * between the same two probes, which {@code andThen} could not promise across JVMs.
 */
final class ScheduledPopulations {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduledPopulations.class);
  static final String PROBE_SCENARIO = "memory probes";

  private ScheduledPopulations() {}

  /** One load step: a round of a phase, under its scenario name. */
  record Step(Phase phase, String scenario) {}

  /**
   * Where a distributed run's steps and probes fall, laid out with its plan.
   *
   * @param lead how long after the populations are handed to Gatling the schedule starts (a shared start-at)
   * @param scale per step scenario, all generators' users over the probing generator's share: its request
   *     counts, scaled by it, stand for the whole run's in the rates
   */
  record Schedule(DistributionSettings settings, List<Step> steps, ProbeSchedule probes, GeneratorTimeline timeline,
      Duration lead, Map<String, Double> scale) {}

  static Schedule schedule(List<Phase> phases, RunPlan plan, DistributionSettings settings) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < phases.size(); i++) {
      for (String round : plan.windows().get(i).roundScenarios()) {
        steps.add(new Step(phases.get(i), round));
      }
    }
    ProbeSchedule probes = ProbeSchedule.of(
        steps.stream().map(step -> ShardedInjection.injectionTime(step.phase().injection())).toList(),
        settings.probeSlot(), settings.drain());
    Instant now = Instant.now();
    Instant start = settings.startAt().orElse(now);
    // Injection starts when the populations are handed to Gatling: a shared start-at is reached by a lead.
    Duration lead = start.isAfter(now) ? Duration.between(now, start) : Duration.ZERO;
    Optional<Generators> local = Generators.local(settings);
    GeneratorTimeline timeline = new GeneratorTimeline(local.map(Generators::toString).orElse("Gatling Enterprise"),
        start, probes, steps.stream().map(Step::scenario).toList());
    Generators probing = Generators.probing(settings);
    Map<String, Double> scale = new HashMap<>();
    for (Step step : steps) {
      long share = ShardedInjection.users(ShardedInjection.shareOf(step.phase().injection(), probing));
      scale.put(step.scenario(), share == 0 ? 1.0
          : (double) ShardedInjection.users(step.phase().injection()) / share);
    }
    return new Schedule(settings, steps, probes, timeline, lead, scale);
  }

  static List<PopulationBuilder> of(Schedule schedule, RunPlan plan, PreflightRun run) {
    Optional<Generators> local = Generators.local(schedule.settings());
    boolean probes = local.map(Generators::holdsProbeUser).orElse(true);
    LOG.info("distributed run ({}): {} load steps and {} probes on a fixed schedule from {}, probe slots of {} s, "
        + "{} s in all; {}", local.map(Generators::toString).orElse("Gatling Enterprise"), schedule.steps().size(),
        plan.probes().size(), schedule.timeline().start(), schedule.settings().probeSlot().toSeconds(),
        schedule.probes().length().toSeconds(),
        local.isEmpty() ? "the generator Gatling Enterprise gives the probe user probes"
            : probes ? "this generator holds the probe user" : "this generator holds no probe user");

    List<PopulationBuilder> populations = new ArrayList<>();
    for (int s = 0; s < schedule.steps().size(); s++) {
      Step step = schedule.steps().get(s);
      Duration at = schedule.lead().plus(schedule.probes().loadStartAt().get(s));
      populations.add(step.phase().population(step.scenario(), run.requestCounter(),
          injection -> ShardedInjection.after(at,
              local.map(generators -> ShardedInjection.shareOf(injection, generators)).orElse(injection))));
    }
    if (probes) {
      populations.add(probeUser(plan, run, schedule));
    }
    return populations;
  }

  /** One user that starts the watch, then waits for each probe's slot and probes. */
  private static PopulationBuilder probeUser(RunPlan plan, PreflightRun run, Schedule schedule) {
    GeneratorTimeline timeline = schedule.timeline();
    ChainBuilder journey = exec(pause(session -> until(timeline.start())))
        .exec(RecordingStep.checks("begin watching", session -> CompletableFuture.supplyAsync(() -> {
          run.beginWatching();
          return List.of();
        })));
    for (ProbePoint point : plan.probes()) {
      String name = "memory probe " + (point.index() + 1) + ": " + point.label();
      journey = journey.pause(session -> until(timeline.probeAt(point.index())))
          .exec(RecordingStep.checks(name, session -> probeInSlot(run, schedule, point)));
    }
    return scenario(PROBE_SCENARIO).exec(journey).injectOpen(atOnceUsers(1));
  }

  /**
   * A probe in its slot. One that broke the schedule (overran its slot, or the step before it was still
   * answering) read the target under load: a run failure, and a KO record that fails the run as a failed
   * request does, since a reading that is not clean is no pass.
   */
  private static CompletableFuture<List<GatlingRecord>> probeInSlot(PreflightRun run, Schedule schedule,
      ProbePoint point) {
    Instant started = Instant.now();
    return run.probe(point).thenApply(records -> schedule.timeline().overrun(point, started, Instant.now(),
        run.requestCounter(), schedule.settings()).map(overrun -> {
          run.runFailure(overrun);
          List<GatlingRecord> withOverrun = new ArrayList<>(records);
          withOverrun.add(GatlingRecord.ko("memory: probe slot [probe " + (point.index() + 1) + "]", overrun,
              started.toEpochMilli(), System.currentTimeMillis()));
          return withOverrun;
        }).orElse(records));
  }

  private static Duration until(Instant instant) {
    Duration left = Duration.between(Instant.now(), instant);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
