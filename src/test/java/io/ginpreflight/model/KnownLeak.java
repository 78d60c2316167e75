package io.ginpreflight.model;

/**
 * A curated, publicly fixed leak of a Go module (src/test/resources/known-leaks.conf): releases from
 * {@code introduced} (empty: every earlier one) up to, not including, {@code fixed} are affected.
 *
 * @param source the public issue or pull request it comes from
 */
public record KnownLeak(String module, String introduced, String fixed, String mechanism, String source) {

  /** {@code v1.8.3 to before v1.8.8}, or {@code before v0.17.9}. */
  public String affected() {
    return (introduced.isEmpty() ? "" : introduced + " to ") + "before " + fixed;
  }
}
