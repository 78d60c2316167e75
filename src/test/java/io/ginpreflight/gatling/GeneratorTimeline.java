package io.ginpreflight.gatling;

import io.ginpreflight.config.DistributionSettings;
import io.ginpreflight.model.Json;
import io.ginpreflight.plan.ProbePoint;
import io.ginpreflight.plan.ProbeSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one generator of a distributed run did when: each load step's planned window beside the times
 * of its first request sent and last response received here, and, on the generator that probed, each
 * probe's planned slot beside when it really ran. Written as {@code generator.json} in the run folder on
 * every generator, so that the schedule can be checked from the generators' own request times
 * (Gatling's simulation.log is binary and not for parsing).
 */
public final class GeneratorTimeline {

  /** One load step (a phase round) on this generator; the request times are null when it sent none. */
  public record StepTimes(String scenario, Instant plannedStart, Instant plannedEnd, Instant firstSent,
      Instant lastAnswered, long requests) {}

  /** One probe, on the generator that holds the probe user. */
  public record ProbeTimes(int index, String label, Instant plannedAt, Instant slotEnd, Instant started,
      Instant ended, boolean overran) {}

  /**
   * The file's content.
   *
   * @param generator "generator i of N" when the load was divided locally, "Gatling Enterprise" otherwise
   * @param probing whether this generator held the probe user (and so probed, judged and reported)
   */
  public record Timeline(String generator, boolean probing, Instant scheduleStart, long probeSlotMillis,
      List<StepTimes> steps, List<ProbeTimes> probes) {}

  public static final String FILE = "generator.json";

  private final String generator;
  private final Instant start;
  private final ProbeSchedule schedule;
  private final List<String> stepScenarios;
  private final Map<Integer, ProbeTimes> probes = new ConcurrentHashMap<>();

  public GeneratorTimeline(String generator, Instant start, ProbeSchedule schedule, List<String> stepScenarios) {
    this.generator = generator;
    this.start = start;
    this.schedule = schedule;
    this.stepScenarios = List.copyOf(stepScenarios);
  }

  public Instant start() {
    return start;
  }

  public Instant probeAt(int probe) {
    return start.plus(schedule.probeAt().get(probe));
  }

  public Instant slotEnd(int probe) {
    return start.plus(schedule.slotEnd(probe));
  }

  private boolean probed(int probe, String label, Instant started, Instant ended) {
    boolean overran = ended.isAfter(slotEnd(probe));
    probes.put(probe, new ProbeTimes(probe, label, probeAt(probe), slotEnd(probe), started, ended, overran));
    return overran;
  }

  /**
   * Notes a probe that ran from {@code started} to {@code ended} and says, as a sentence with the fix, if
   * it broke the schedule: it ended after its slot (the next step's load had begun on every generator),
   * or the step before it was still answering here once it began (its journeys outlasted the drain).
   */
  public Optional<String> overrun(ProbePoint point, Instant started, Instant ended, RequestCounter counter,
      DistributionSettings settings) {
    int probe = point.index();
    Optional<Instant> lateResponse = probe == 0 ? Optional.empty()
        : Optional.ofNullable(instant(counter.lastAnswered(stepScenarios.get(probe - 1))))
            .filter(last -> last.isAfter(started));
    if (probed(probe, point.label(), started, ended)) {
      return Optional.of("probe " + (probe + 1) + " (" + point.label() + ") took "
          + Duration.between(started, ended).toMillis() + " ms and overran its slot by "
          + Duration.between(slotEnd(probe), ended).toMillis() + " ms (preflight.schedule.probe-slot "
          + settings.probeSlot().toMillis() + " ms): the next step's load began on every generator while it "
          + "read, so the checks that use it are not clean; raise preflight.schedule.probe-slot");
    }
    return lateResponse.map(last -> "the step before probe " + (probe + 1) + " (" + point.label() + ") was still "
        + "answering " + Duration.between(started, last).toMillis() + " ms into the probe: its journeys outlast "
        + "the injection time plus preflight.schedule.drain (" + settings.drain().toSeconds() + " s), so the probe "
        + "read under load; raise preflight.schedule.drain");
  }

  public Timeline timeline(RequestCounter counter) {
    List<StepTimes> steps = new ArrayList<>();
    for (int step = 0; step < stepScenarios.size(); step++) {
      String scenario = stepScenarios.get(step);
      steps.add(new StepTimes(scenario, start.plus(schedule.loadStartAt().get(step)),
          start.plus(schedule.loadEnd(step)), instant(counter.firstSent(scenario)),
          instant(counter.lastAnswered(scenario)), counter.requests(scenario)));
    }
    List<ProbeTimes> probed = probes.values().stream()
        .sorted(java.util.Comparator.comparingInt(ProbeTimes::index)).toList();
    return new Timeline(generator, !probed.isEmpty(), start, schedule.probeSlot().toMillis(), steps, probed);
  }

  /** Writes generator.json; a failure is returned as a sentence, never thrown (Gatling must still report). */
  public Optional<String> write(Path runDir, RequestCounter counter) {
    Path file = runDir.resolve(FILE);
    try {
      Files.writeString(file, Json.MAPPER.writeValueAsString(timeline(counter)) + "\n");
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("Could not write " + file + ": " + e.getMessage());
    }
  }

  public static Timeline read(Path file) throws IOException {
    return Json.MAPPER.readValue(file.toFile(), Timeline.class);
  }

  private static Instant instant(OptionalLong epochMillis) {
    return epochMillis.isPresent() ? Instant.ofEpochMilli(epochMillis.getAsLong()) : null;
  }
}
