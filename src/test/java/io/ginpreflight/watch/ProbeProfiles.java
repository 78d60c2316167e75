package io.ginpreflight.watch;

import io.ginpreflight.signal.GoroutineDump;
import io.ginpreflight.signal.HeapProfileText;
import java.util.Optional;

/**
 * A probe's profiles as it read them, parsed once: what the judge diffs to say where a phase grew, and
 * what the comparison with another run reads of this one. A profile that was not read or did not parse
 * is empty: that costs the "where" of a message, never a verdict.
 *
 * @param heap {@code heap?debug=1}: allocation sites with their samples
 * @param goroutines {@code goroutine?debug=1}: stacks with counts and pprof labels
 * @param goroutineStacks {@code goroutine?debug=2}: every goroutine's state, wait and creator
 * @param leakedGoroutines {@code goroutineleak?debug=1}: the goroutines the runtime proved leaked
 * @param descriptors a local target's descriptors, classified one a line
 * @param tempFiles a local target's temp files, one a line after the temp dir's
 */
public record ProbeProfiles(Optional<HeapProfileText> heap, Optional<GoroutineDump> goroutines,
    Optional<GoroutineDump> goroutineStacks, Optional<GoroutineDump> leakedGoroutines, Optional<String> descriptors,
    Optional<String> tempFiles) {

  /** A probe that kept no profiles. */
  public static final ProbeProfiles NONE = new ProbeProfiles(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());
}
