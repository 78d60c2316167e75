package io.ginpreflight.report;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.KnownLeakNote;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunIdentity;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Source;
import io.ginpreflight.plan.RunPlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the reports are made of: the run's identity, its plan, what it found and the requests Gatling
 * counted. Handed to the finisher when the run starts; the findings fill in as the run goes on.
 *
 * @param signals whether the target offers each source, as asked at start
 * @param build the target's build info (Go version, modules), or why it is unknown
 * @param knownLeaks the target's modules in a curated known-leak range
 * @param identity what the run is comparable by; null when unknown
 */
public record RunFacts(String simulation, String runId, Instant startedAt, String target,
    Map<Source, Availability> signals, RunPlan plan, RunFindings findings, RequestCounts requests,
    BuildInfo build, List<KnownLeakNote> knownLeaks, RunIdentity identity) {

  /** Without build info: a target whose binary was not read. */
  public RunFacts(String simulation, String runId, Instant startedAt, String target,
      Map<Source, Availability> signals, RunPlan plan, RunFindings findings, RequestCounts requests) {
    this(simulation, runId, startedAt, target, signals, plan, findings, requests,
        BuildInfo.unknown("not read"), List.of(), null);
  }

  /** Without an identity (such a run is compared with no other). */
  public RunFacts(String simulation, String runId, Instant startedAt, String target,
      Map<Source, Availability> signals, RunPlan plan, RunFindings findings, RequestCounts requests,
      BuildInfo build, List<KnownLeakNote> knownLeaks) {
    this(simulation, runId, startedAt, target, signals, plan, findings, requests, build, knownLeaks, null);
  }
}
