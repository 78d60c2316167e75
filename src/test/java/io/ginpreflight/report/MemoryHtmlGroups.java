package io.ginpreflight.report;

/**
 * What a failed check grew besides heap sites: goroutine groups (by stack, state and wait), descriptor
 * groups and temp-file groups ({@link LeakGroupsHtml}). Rendered inside the check's
 * {@code <div class="groups">} in "What failed"; empty when the check has none.
 */
final class MemoryHtmlGroups {

  private MemoryHtmlGroups() {}

  static String of(MemoryHtmlFailed.Failed check) {
    return LeakGroupsHtml.tables(check.detail());
  }
}
