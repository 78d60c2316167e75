package io.ginpreflight.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Who sets the heap profile's rate of a started target, what GODEBUG it gets, and what the signals line says. */
class HeapSamplingTest {

  private static final OptionalLong FOUR_KIB = OptionalLong.of(4096);

  @Test
  void theSuiteSetsItsRateAndKeepsTheOtherGodebugSettings() {
    HeapSampling sampling = HeapSampling.forStarted(FOUR_KIB, Map.of("GIN_MODE", "release"),
        Map.of("GODEBUG", "madvdontneed=1"));

    assertEquals(HeapSampling.Origin.SUITE, sampling.origin());
    assertEquals(Map.of("GIN_MODE", "release", "GODEBUG", "madvdontneed=1,memprofilerate=4096"),
        sampling.environment(Map.of("GIN_MODE", "release"), Map.of("GODEBUG", "madvdontneed=1")));
    assertEquals("every 4.0 KiB (GODEBUG=memprofilerate=4096, set by the suite)",
        sampling.describe(FOUR_KIB, 4096));
  }

  @Test
  void aGodebugRateOfTheUsersIsLeftAsItIs() {
    Map<String, String> env = Map.of("GODEBUG", "gctrace=0,memprofilerate=65536");
    HeapSampling sampling = HeapSampling.forStarted(FOUR_KIB, env, Map.of());

    assertEquals(HeapSampling.Origin.USER, sampling.origin());
    assertEquals(env, sampling.environment(env, Map.of()));
    assertEquals("every 64.0 KiB (your GODEBUG=memprofilerate=65536)", sampling.describe(OptionalLong.of(65536), 4096));
    // the suite's own environment counts as the user's too
    assertEquals(HeapSampling.Origin.USER, HeapSampling.forStarted(FOUR_KIB, Map.of(),
        Map.of("GODEBUG", "memprofilerate=1")).origin());
  }

  @Test
  void aBinaryThatSetsItsOwnRateIsSaidAsSuchFromTheProfilesHeader() {
    HeapSampling sampling = HeapSampling.forStarted(FOUR_KIB, Map.of(), Map.of());

    assertEquals("every 64.0 KiB (the service sets runtime.MemProfileRate itself, over the suite's "
        + "GODEBUG=memprofilerate=4096)", sampling.describe(OptionalLong.of(65536), 4096));
  }

  @Test
  void offLeavesGosDefaultAndARemoteTargetIsToldHowToSetIt() {
    HeapSampling off = HeapSampling.forStarted(OptionalLong.empty(), Map.of(), Map.of());
    assertEquals(Map.of(), off.environment(Map.of(), Map.of()));
    assertEquals("every 512.0 KiB (Go's default; preflight.target.memprofilerate is off)",
        off.describe(OptionalLong.of(524288), 4096));
    assertEquals("every 512.0 KiB (Go's default: for the sites of leaks of tens of bytes per request, start it with "
        + "GODEBUG=memprofilerate=4096, or let the suite start it with preflight.target.command)",
        HeapSampling.NOT_STARTED.describe(OptionalLong.of(524288), 4096));
    assertEquals("every 4.0 KiB", HeapSampling.NOT_STARTED.describe(FOUR_KIB, 4096));
  }

  @Test
  void theRateIsASizeOrOffAndZeroIsRefused() {
    assertEquals(FOUR_KIB, Targets.memProfileRate(config("4KiB")));
    assertEquals(OptionalLong.empty(), Targets.memProfileRate(config("off")));
    ConfigProblem zero = assertThrows(ConfigProblem.class, () -> Targets.memProfileRate(config("0")));
    assertEquals("Configuration key 'preflight.target.memprofilerate' has invalid value '0': 0 turns the heap profile "
        + "off, so no allocation site could be named; give a size such as 4KiB, or off for Go's default.",
        zero.getMessage());
  }

  private static PreflightConfig config(String rate) {
    return PreflightConfig.from(ConfigFactory.parseMap(Map.of("preflight.target.memprofilerate", rate)),
        Optional.empty());
  }
}
