package io.ginpreflight.report;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.KnownLeakNote;
import io.ginpreflight.model.RunIdentity;
import io.ginpreflight.model.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What is known of a run when it starts, and heads its reports: what ran, against what, and what the
 * target offers and is built from. What it finds comes later ({@link io.ginpreflight.model.RunFindings}).
 *
 * @param signals whether the target offers each source, as asked at start
 * @param build the target's build info (Go version, modules), or why it is unknown
 * @param knownLeaks the target's modules in a curated known-leak range
 * @param identity what the run is comparable by
 */
public record RunStart(String simulation, String runId, Instant startedAt, String target,
    Map<Source, Availability> signals, BuildInfo build, List<KnownLeakNote> knownLeaks, RunIdentity identity) {}
