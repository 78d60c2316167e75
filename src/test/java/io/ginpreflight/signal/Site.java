package io.ginpreflight.signal;

/**
 * Where a heap allocation or a goroutine is attributed: a function and its {@code file.go:line}.
 * Diffs of profiles before and after a phase are keyed by site.
 */
public record Site(String function, String location) {

  /** For the rare stack that has no frame at all (a goroutine that has not started running yet). */
  public static final Site UNKNOWN = new Site("(no frames)", "unknown");

  static Site of(StackFrame frame) {
    return new Site(frame.function(), frame.location());
  }
}
