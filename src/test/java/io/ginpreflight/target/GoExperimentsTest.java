package io.ginpreflight.target;

import static io.ginpreflight.target.GoExperiments.ProfileSupport.EXPERIMENT;
import static io.ginpreflight.target.GoExperiments.ProfileSupport.NONE;
import static io.ginpreflight.target.GoExperiments.ProfileSupport.STANDARD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoExperimentsTest {

  @Test
  void onlyGo126IsBuiltWithTheExperimentAndGo127HasTheProfileStandard() {
    // GIVEN `go env GOVERSION` of toolchains before, with and after the experiment
    // THEN 1.26 needs GOEXPERIMENT, 1.27 and later refuse it (the profile is standard), older ones never had it
    assertEquals(EXPERIMENT, GoExperiments.support("go1.26.8\n"));
    assertEquals(EXPERIMENT, GoExperiments.support("go1.26rc1"));
    assertEquals(STANDARD, GoExperiments.support("go1.27.3"));
    assertEquals(STANDARD, GoExperiments.support("go1.27rc1"));
    assertEquals(STANDARD, GoExperiments.support("devel go1.28-3c2f1a0 Tue Nov 3 2026"));
    assertEquals(NONE, GoExperiments.support("go1.25.4"));
    assertEquals(NONE, GoExperiments.support("go1.24"));
    assertEquals(NONE, GoExperiments.support("not a version"));
  }

  @Test
  void theProfilesNameLeavesAUserSetGoexperimentAndTheOthersStay() {
    // GIVEN a GOEXPERIMENT set by the user for Go 1.26, run with Go 1.27
    // THEN only the profile's name goes, which Go 1.27 would refuse
    assertEquals("arenas", GoExperiments.withoutProfile("goroutineleakprofile,arenas"));
    assertEquals("", GoExperiments.withoutProfile("goroutineleakprofile"));
    assertEquals("a,b", GoExperiments.withoutProfile(" a , goroutineleakprofile, b"));
  }
}
