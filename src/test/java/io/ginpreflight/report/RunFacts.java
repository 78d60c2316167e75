package io.ginpreflight.report;

import io.ginpreflight.model.RequestCounts;
import io.ginpreflight.model.RunFindings;
import io.ginpreflight.plan.RunPlan;
import java.time.Instant;
import java.util.Map;

/**
 * What the reports are made of: the run's identity, its plan, what it found and the requests Gatling
 * counted. Handed to the finisher when the run starts; the findings fill in as the run goes on.
 *
 * @param signals each source the run looked for mapped to "yes" or "no: why", as memory.json writes it
 */
public record RunFacts(String simulation, String runId, Instant startedAt, String target,
    Map<String, String> signals, RunPlan plan, RunFindings findings, RequestCounts requests) {}
