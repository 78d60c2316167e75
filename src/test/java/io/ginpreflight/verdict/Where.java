package io.ginpreflight.verdict;

import io.ginpreflight.model.LeakDetail;

/**
 * Where a check's growth is: the clause a KO message puts right after what grew ({@code top growth: +400
 * goroutines blocked in chan send at main.(*hub).publish (hub.go:31), ...}), and the sites and groups it was
 * read from. Looked for only when a check fails: diffing profiles costs time.
 *
 * @param clause empty when the profiles showed nothing, or were not kept
 */
public record Where(String clause, LeakDetail detail) {

  public static final Where NONE = new Where("", LeakDetail.NONE);

  public boolean isEmpty() {
    return clause.isEmpty();
  }
}
