package io.ginpreflight.report;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.model.Source;
import io.ginpreflight.plan.RunPlan;
import java.time.Instant;
import java.util.Map;

/**
 * What the reports are made of: the run's identity, its plan, what it found and the requests Gatling
 * counted. Handed to the finisher when the run starts; the findings fill in as the run goes on.
 *
 * @param signals whether the target offers each source, as asked at start
 */
public record RunFacts(String simulation, String runId, Instant startedAt, String target,
    Map<Source, Availability> signals, RunPlan plan, RunFindings findings, RequestCounts requests) {}
