package io.ginpreflight.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every signal read at one moment, each a value or the reason it is missing. */
public record Snapshot(Instant at, Map<String, Measurement> signals) {

  public Snapshot {
    signals = Map.copyOf(signals);
  }

  public Measurement get(String signal) {
    Measurement measurement = signals.get(signal);
    return measurement != null ? measurement : Measurement.failed("the target offers no " + signal + " signal");
  }

  /** Measured values only, for reports. */
  public Map<String, Long> values() {
    Map<String, Long> values = new LinkedHashMap<>();
    signals.forEach((name, m) -> {
      if (m.isMeasured()) {
        values.put(name, m.value());
      }
    });
    return values;
  }

  /** Why each missing signal is missing, for reports. */
  public Map<String, String> failures() {
    Map<String, String> failures = new LinkedHashMap<>();
    signals.forEach((name, m) -> {
      if (!m.isMeasured()) {
        failures.put(name, m.failure());
      }
    });
    return failures;
  }
}
