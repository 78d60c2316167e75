package io.ginpreflight.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a run spread over several load generators (Gatling Enterprise, or several local JVMs) is laid out:
 * read only when {@code preflight.distributed = true}; docs/distributed.md explains each key.
 *
 * @param probeSlot the time every generator leaves for each probe: no generator sends load during it
 * @param drain added to each load step's injection time, for the journeys still running when it ends
 * @param startAt the instant every generator counts its schedule from; empty: this JVM's own start
 * @param generatorCount how many generators run the simulation: the probing one counts only its own
 *     requests, and scales them to the whole run's with it
 * @param generatorIndex set only for local runs standing in for Enterprise's generators: this JVM then
 *     applies Enterprise's division of the load itself; empty on Gatling Enterprise, which divides it
 */
public record DistributionSettings(Duration probeSlot, Duration drain, Optional<Instant> startAt,
    int generatorCount, OptionalInt generatorIndex) {

  private static final String COUNT = "preflight.generators.count";
  private static final String INDEX = "preflight.generators.index";

  /** The settings when {@code preflight.distributed} is true; empty (one machine, phases chained) otherwise. */
  public static Optional<DistributionSettings> from(PreflightConfig config) {
    boolean distributed = config.bool("preflight.distributed");
    boolean generatorsSet = config.hasValue(COUNT) || config.hasValue(INDEX);
    if (!distributed) {
      if (generatorsSet) {
        throw new ConfigProblem("Configuration keys 'preflight.generators.count' and 'preflight.generators.index' "
            + "describe a distributed run, but 'preflight.distributed' is false: set "
            + "-Dpreflight.distributed=true as well, or unset them.");
      }
      return Optional.empty();
    }
    if (TargetSettings.from(config).url().isEmpty()) {
      throw new ConfigProblem("Configuration key 'preflight.distributed' is true, but 'preflight.target.url' "
          + "is not set: every generator would start its own gin-lab. Set preflight.target.url to the one "
          + "service all generators load (reachable from each of them).");
    }
    Duration probeSlot = config.positiveDuration("preflight.schedule.probe-slot");
    Duration settleTimeout = config.positiveDuration("preflight.probe.settle.timeout");
    if (probeSlot.compareTo(settleTimeout) <= 0) {
      throw new ConfigProblem("Configuration key 'preflight.schedule.probe-slot' (" + seconds(probeSlot)
          + ") is not longer than 'preflight.probe.settle.timeout' (" + seconds(settleTimeout) + "): a probe "
          + "waiting for goroutines to settle would overrun its slot. Raise the slot or lower the settle timeout.");
    }
    Duration drain = config.positiveDuration("preflight.schedule.drain");
    Optional<Instant> startAt = startAt(config);
    if (startAt.isPresent() && startAt.get().isBefore(Instant.now())) {
      throw new ConfigProblem("Configuration key 'preflight.schedule.start-at' (" + startAt.get() + ") is already "
          + "past: the generators could not start together. Give an instant far enough ahead for every "
          + "generator's JVM to start, or unset it.");
    }
    if (!config.hasValue(COUNT)) {
      throw new ConfigProblem("Configuration key 'preflight.distributed' is true, but 'preflight.generators.count' "
          + "is not set: the probing generator counts only its own requests and needs the number of generators "
          + "to judge the rates per request. Set it to the test's load generators (all locations together).");
    }
    int count = config.positiveInt(COUNT);
    if (!config.hasValue(INDEX)) {
      return Optional.of(new DistributionSettings(probeSlot, drain, startAt, count, OptionalInt.empty()));
    }
    int index = config.nonNegativeInt(INDEX);
    if (index >= count) {
      throw ConfigProblem.invalid(config.name(INDEX), String.valueOf(index),
          "expected 0 to " + (count - 1) + " (preflight.generators.count is " + count + ")");
    }
    return Optional.of(new DistributionSettings(probeSlot, drain, startAt, count, OptionalInt.of(index)));
  }

  private static Optional<Instant> startAt(PreflightConfig config) {
    String key = "preflight.schedule.start-at";
    if (!config.hasNonBlankValue(key)) {
      return Optional.empty();
    }
    String value = config.string(key).trim();
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw ConfigProblem.invalid(config.name(key), value, "expected an ISO-8601 instant such as "
          + "2026-12-01T20:30:00Z");
    }
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }
}
