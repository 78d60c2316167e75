package io.ginpreflight.signal;

import java.util.List;

/**
 * Goroutines sharing one stack. From {@code goroutine?debug=1} a count and frames; from
 * {@code ?debug=2} a single goroutine with its state ({@code chan send}, {@code select}), how many
 * minutes it has been blocked (0 when under a minute or not said), the {@code go} statement that started
 * it (null when not said) and whether the runtime's goroutineleak GC marked it leaked.
 */
public record GoroutineStack(long count, String state, long waitMinutes, List<StackFrame> frames, Site site,
    StackFrame createdBy, boolean leaked) {

  public GoroutineStack {
    frames = List.copyOf(frames);
  }

  /** A stack of debug=1, which says nothing of states or creators. */
  public GoroutineStack(long count, List<StackFrame> frames, Site site) {
    this(count, "", 0, frames, site, null, false);
  }
}
