package io.ginpreflight.signal;

import java.util.List;

/**
 * Goroutines sharing one stack. From {@code goroutine?debug=1} a count and frames; from
 * {@code ?debug=2} a single goroutine with its state ({@code chan send}, {@code select}) and how
 * many minutes it has been blocked (0 when under a minute or not said).
 */
public record GoroutineStack(long count, String state, long waitMinutes, List<StackFrame> frames, Site site) {

  public GoroutineStack {
    frames = List.copyOf(frames);
  }
}
