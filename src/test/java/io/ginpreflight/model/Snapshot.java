package io.ginpreflight.model;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Every signal read at one moment, each a value or the reason it is missing. */
public record Snapshot(Instant at, Map<Signal, Measurement> signals) {

  public Snapshot {
    signals = Map.copyOf(signals);
  }

  public Measurement get(Signal signal) {
    Measurement measurement = signals.get(signal);
    return measurement != null ? measurement
        : Measurement.failed("the target offers no " + signal.jsonName() + " signal");
  }

  /** Measured values only, for reports; in declaration order, whatever order they were read in. */
  public Map<Signal, Long> values() {
    Map<Signal, Long> values = new EnumMap<>(Signal.class);
    signals.forEach((signal, m) -> {
      if (m.isMeasured()) {
        values.put(signal, m.value());
      }
    });
    return values;
  }

  /** Why each missing signal is missing, for reports. */
  public Map<Signal, String> failures() {
    Map<Signal, String> failures = new EnumMap<>(Signal.class);
    signals.forEach((signal, m) -> {
      if (!m.isMeasured()) {
        failures.put(signal, m.failure());
      }
    });
    return failures;
  }
}
