package io.ginpreflight.verdict;

import java.util.OptionalLong;

/**
 * One evaluated memory check. {@code before} and {@code after} are empty when the signal could not be
 * measured; then the status is {@link CheckStatus#INCONCLUSIVE} and the message says why.
 */
public record CheckResult(
    CheckKind kind, String phase, CheckStatus status, OptionalLong before, OptionalLong after, long limit,
    String message) {

  public String recordName() {
    return kind.recordName(phase);
  }

  public OptionalLong growth() {
    return before.isPresent() && after.isPresent()
        ? OptionalLong.of(after.getAsLong() - before.getAsLong())
        : OptionalLong.empty();
  }
}
