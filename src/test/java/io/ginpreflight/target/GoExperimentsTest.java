package io.ginpreflight.target;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GoExperimentsTest {

  @Test
  void theGoroutineLeakProfileIsAskedForFromGo126On() {
    // GIVEN `go env GOVERSION` of toolchains before and after the experiment appeared
    // THEN only 1.26 and later are built with it: 1.24 and 1.25 would refuse an unknown experiment
    assertTrue(GoExperiments.knowsGoroutineLeakProfile("go1.26.8\n"));
    assertTrue(GoExperiments.knowsGoroutineLeakProfile("go1.27rc1"));
    assertFalse(GoExperiments.knowsGoroutineLeakProfile("go1.25.4"));
    assertFalse(GoExperiments.knowsGoroutineLeakProfile("go1.24"));
  }
}
