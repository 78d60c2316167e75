package io.ginpreflight.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.RequestPart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentence a KO leads with, for what an attribution found: exact text, short enough for Gatling's 200. */
class AttributionTextTest {

  private static AttributionText.Leaf leaf(List<RequestPart> parts, double rate, double halfWidth, boolean holds) {
    return new AttributionText.Leaf(parts, new Bisection.Reading(rate, rate - halfWidth, rate + halfWidth, holds),
        holds, 0);
  }

  private static List<RequestPart> requests(int from, int to) {
    return java.util.stream.IntStream.range(from, to)
        .mapToObj(i -> RequestPart.request("r" + i, "GET", "/r/" + i + "?q=1", 1)).toList();
  }

  @Test
  void everyRequestKeepingAboutTheSameNamesWhatTheyAllPassThrough() {
    List<AttributionText.Leaf> leaves = List.of(leaf(requests(0, 5), 128, 4, true), leaf(requests(5, 9), 131, 4, true),
        leaf(requests(9, 14), 126, 4, true), leaf(requests(14, 18), 133, 4, true));

    String sentence = AttributionText.sentence(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding",
        Attribution.Outcome.EVERY_REQUEST, leaves, 6, "");

    assertEquals("every request of binding retains about 130 B (4 groups alone: 126 to 133 B per request): something "
        + "every request passes through keeps it (a middleware, a logger, a map keyed by request or context)", sentence);
  }

  @Test
  void groupsKeepingTheSameToTheFigureShownSayItOnce() {
    List<AttributionText.Leaf> leaves = List.of(leaf(requests(0, 5), 1030, 8, true), leaf(requests(5, 9), 1041, 8, true),
        leaf(requests(9, 14), 1029, 8, true), leaf(requests(14, 18), 1047, 8, true));

    String sentence = AttributionText.sentence(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding",
        Attribution.Outcome.EVERY_REQUEST, leaves, 6, "");

    assertTrue(sentence.startsWith("every request of binding retains about 1.0 KiB (4 groups alone: each 1.0 KiB per "
        + "request): "), sentence);
  }

  @Test
  void oneStreamLeavingAGoroutinePerClientIsNamedPerStream() {
    RequestPart read = new RequestPart("notifications: read 5 events", "GET /v1/notifications?count=5", "SSE stream", 1);
    RequestPart drop = new RequestPart("notifications: read 1 then drop", "GET /v1/notifications?count=5",
        "SSE stream", 1);
    RequestPart poll = new RequestPart("inbox", "GET /v1/inbox/wait?timeout_ms=50", "long poll", 3);
    List<AttributionText.Leaf> leaves = List.of(leaf(List.of(read), 3, 5, false), leaf(List.of(drop), 1_000, 5, true),
        leaf(List.of(poll), -1, 2, false));

    String sentence = AttributionText.sentence(CheckKind.GOROUTINES_PER_1000_REQUESTS, "long connections",
        Attribution.Outcome.LOCATED, leaves, 3, "");

    assertEquals("1.0 goroutine per \"notifications: read 1 then drop\" SSE stream (GET /v1/notifications); the other "
        + "2 exchanges of long connections at most 0.01 goroutines each", sentence);
  }

  @Test
  void aRareGoroutineIsCountedPerThousandOfItsRequests() {
    List<AttributionText.Leaf> leaves = List.of(leaf(requests(0, 1), 9, 3, true), leaf(requests(1, 2), 0, 2, false));

    String sentence = AttributionText.sentence(CheckKind.GOROUTINES_PER_1000_REQUESTS, "api",
        Attribution.Outcome.LOCATED, leaves, 2, "");

    assertEquals("9.0 goroutines per 1,000 \"r0\" requests (GET /r/0); the other request of api at most 0.00 "
        + "goroutines each", sentence);
  }

  @Test
  void nothingKeptAloneSaysWhatThatMeans() {
    List<AttributionText.Leaf> leaves = List.of(leaf(requests(0, 2), 3, 20, false), leaf(requests(2, 4), -2, 20, false));

    String sentence = AttributionText.sentence(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding",
        Attribution.Outcome.NOT_LOCATED, leaves, 2, "");

    assertEquals("no request of binding retains anything alone beyond its uncertainty (2 rounds, 2 groups, each at "
        + "most 23 B per request): the requests keep it together (one keeps what another made), or each keeps too "
        + "little for one round to show", sentence);
  }

  @Test
  void nothingFoundBeforeTheTimeRanOutIsNotSaidAsNothingThere() {
    List<AttributionText.Leaf> leaves = List.of(leaf(requests(0, 1), 300, 900, false),
        new AttributionText.Leaf(requests(1, 6), null, false, 0));

    String sentence = AttributionText.sentence(CheckKind.RETAINED_BYTES_PER_REQUEST, "api",
        Attribution.Outcome.UNFINISHED, leaves, 1, "preflight.attribution.max-time");

    assertEquals("no request of api retains anything alone beyond its uncertainty (1 round, 1 group, each at most "
        + "1.2 KiB per request); 5 not driven alone; stopped after 1 round (preflight.attribution.max-time)", sentence);
  }

  @Test
  void roundsRunningOutNameTheSmallestGroupFound() {
    List<AttributionText.Leaf> leaves = List.of(leaf(requests(0, 9), 1, 5, false),
        leaf(requests(9, 13), 410, 20, true), new AttributionText.Leaf(requests(13, 18), null, false, 0));

    String sentence = AttributionText.sentence(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding",
        Attribution.Outcome.UNFINISHED, leaves, 2, "preflight.attribution.max-time");

    assertEquals("in 4 requests of binding (\"r9\", \"r10\", \"r11\", ...): 410 B per request of them; the other 9 "
        + "requests of binding at most 6.0 B each; 5 not driven alone; stopped after 2 rounds "
        + "(preflight.attribution.max-time)", sentence);
  }

  @Test
  void aRequestKeepingATenthOrLessOfWhatWasKeptIsCountedWithTheOthers() {
    // GIVEN one request keeping 4 KiB, another 141 B (beyond doubt, but 3 % of what was kept), 11 keeping nothing
    List<AttributionText.Leaf> leaves = List.of(leaf(requests(0, 11), 2, 10, false), leaf(requests(11, 12), 141, 71, true),
        leaf(requests(12, 13), 4004, 71, true));

    String sentence = AttributionText.sentence(CheckKind.RETAINED_BYTES_PER_REQUEST, "binding",
        Attribution.Outcome.LOCATED, leaves, 6, "");

    assertEquals("3.9 KiB per \"r12\" request (GET /r/12); the other 12 requests of binding at most 212 B each", sentence);
  }
}
