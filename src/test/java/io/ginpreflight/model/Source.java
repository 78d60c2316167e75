package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where signals come from; the start-up line and memory.json's {@code signals} say which are offered. */
public enum Source {
  METRICS("metrics"),
  PPROF("pprof"),
  /**
   * pprof's goroutineleak profile (Go 1.26 with GOEXPERIMENT=goroutineleakprofile, standard from 1.27):
   * goroutines blocked on something no running goroutine can reach, proved by the GC.
   */
  GOROUTINE_LEAK("goroutineleak"),
  EXPVAR("expvar"),
  /** /proc of a target on this machine: descriptors, RSS, threads. */
  PROCFS("procfs"),
  TEMP_DIR("temp dir");

  private final String jsonName;

  Source(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name on the start-up line and in memory.json, e.g. {@code temp dir}. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** The JSON name: messages name it as the files do. */
  @Override
  public String toString() {
    return jsonName;
  }
}
