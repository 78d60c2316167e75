package io.ginpreflight.gatling;

import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.CheckBuilder;
import java.util.List;

/**
 * The status check of a request sent without the rest of its journey, in an attribution round: a request that
 * needs an earlier one (the login whose cookie it sends, the cart it reads) answers otherwise alone, which is no
 * failure of the service. So the check never fails; a status other than the configured ones is counted for the
 * round ({@link RequestCounter#answeredOtherwise(String)}) and said with what the round found.
 */
public final class AloneStatus {

  private final RequestCounter counter;

  public AloneStatus(RequestCounter counter) {
    this.counter = counter;
  }

  /** A status check on {@code request}'s responses that counts, and never fails, a status not in {@code expected}. */
  public CheckBuilder of(String request, List<Integer> expected) {
    List<Integer> statuses = List.copyOf(expected);
    return status().transformWithSession((code, session) -> {
      if (!statuses.contains(code)) {
        counter.answeredOtherwise(session.scenario(), request);
      }
      return code;
    });
  }
}
