package io.ginpreflight.report;

/**
 * The hook for what a failed check grew besides heap sites: goroutine groups (by stack, state and wait),
 * descriptor groups and temp-file groups. Rendered inside the check's {@code <div class="groups">} in
 * "What failed"; empty until those groups are reported.
 */
final class MemoryHtmlGroups {

  private MemoryHtmlGroups() {}

  static String of(MemoryHtmlFailed.Failed check) {
    return "";
  }
}
