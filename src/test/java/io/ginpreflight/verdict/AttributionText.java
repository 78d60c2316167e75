package io.ginpreflight.verdict;

import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.RequestPart;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The sentence a KO message leads with once a family's requests were driven apart, short enough to leave room
 * for the site within the 200 characters Gatling's report shows:
 * {@code 920 B per "cart: add item" request (POST /v1/carts/c#{seq}/items); the other 17 requests of binding at
 * most 4.1 B each}, or {@code every request of binding retains about 1.1 KiB (...): something every request passes
 * through keeps it (...)}.
 */
final class AttributionText {

  /** Named one by one; more are counted. */
  private static final int NAMED = 3;
  /** A share of what the groups that keep something kept, at or under which a group is not named. */
  private static final double MINOR = 0.1;

  private AttributionText() {}

  /** One finest group as the sentence sees it: its requests, what it kept per request (null: not driven alone). */
  record Leaf(List<RequestPart> parts, Bisection.Reading reading, boolean holds, long answeredOtherwise) {
    boolean single() {
      return parts.size() == 1;
    }
  }

  static String sentence(CheckKind kind, String phase, Attribution.Outcome outcome, List<Leaf> leaves,
      int rounds, String stoppedBy) {
    List<Leaf> holding = leaves.stream().filter(Leaf::holds).toList();
    List<Leaf> none = leaves.stream().filter(l -> !l.holds() && l.reading() != null).toList();
    if (outcome == Attribution.Outcome.EVERY_REQUEST && none.isEmpty()) {
      return everyRequest(kind, phase, holding);
    }
    int undriven = leaves.stream().filter(l -> !l.holds() && l.reading() == null).mapToInt(l -> l.parts().size()).sum();
    String stopped = "stopped after " + count(rounds, "round") + " (" + stoppedBy + ")";
    if (holding.isEmpty()) {
      String alone = "no request of " + phase + (kind.isBytes() ? " retains anything" : " leaves a goroutine")
          + " alone beyond its uncertainty (" + count(rounds, "round") + ", " + count(none.size(), "group")
          + ", each at most " + each(kind, maxHigh(none)) + " per request)";
      return undriven > 0 ? alone + "; " + undriven + " not driven alone; " + stopped
          : alone + ": the requests keep it together (one keeps what another made), or each keeps too little for "
              + "one round to show";
    }
    // A group that keeps a tenth or less of what the groups that keep something kept does not explain the KO:
    // it is counted with the others, by its upper bound.
    double total = holding.stream().filter(l -> l.reading() != null).mapToDouble(AttributionText::share).sum();
    List<Leaf> major = holding.stream().filter(l -> l.reading() == null || share(l) > MINOR * total)
        .sorted(Comparator.comparingDouble(AttributionText::share).reversed()).toList();
    String found = major.stream().limit(NAMED).map(l -> leaf(kind, phase, l)).collect(Collectors.joining(", "));
    if (major.size() > NAMED) {
      found += " and " + (major.size() - NAMED) + " more (memory.html)";
    }
    List<Leaf> others = leaves.stream().filter(l -> !major.contains(l) && l.reading() != null).toList();
    int count = others.stream().mapToInt(l -> l.parts().size()).sum();
    String unheld = count == 0 ? "" : "; the other " + (count == 1 ? "" : count + " ") + noun(nouns(others), count)
        + " of " + phase + " at most " + each(kind, maxHigh(others)) + " each";
    String unfinished = outcome == Attribution.Outcome.UNFINISHED ? "; " + (undriven == 0 ? "" : undriven
        + " not driven alone; ") + stopped : "";
    return found + unheld + unfinished;
  }

  private static String everyRequest(CheckKind kind, String phase, List<Leaf> holding) {
    double low = holding.stream().mapToDouble(l -> l.reading().rate()).min().orElse(0);
    double high = holding.stream().mapToDouble(l -> l.reading().rate()).max().orElse(0);
    double about = pooled(holding);
    String range = each(kind, low).equals(each(kind, high)) ? "each " + each(kind, high)
        : RateText.interval(perRequest(kind), perOne(kind, low), perOne(kind, high));
    return "every request of " + phase + " " + verb(kind) + " about " + each(kind, about) + " (" + holding.size()
        + " groups alone: " + range + " per request): something every request passes through keeps it (a "
        + "middleware, a logger, a map keyed by request or context)";
  }

  /** {@code 920 B per "cart: add item" request (POST /v1/carts/c#{seq}/items)}, or a group of several. */
  private static String leaf(CheckKind kind, String phase, Leaf leaf) {
    String otherwise = leaf.answeredOtherwise() > 0 ? " (answered otherwise alone: it may need an earlier request)"
        : "";
    if (leaf.single()) {
      RequestPart part = leaf.parts().get(0);
      String rate = leaf.reading() == null ? "all of it" : rateOf(kind, leaf.reading().rate(), part);
      return rate + " (" + part.route() + ")" + otherwise;
    }
    String names = leaf.parts().stream().limit(NAMED).map(p -> "\"" + p.name() + "\"")
        .collect(Collectors.joining(", ")) + (leaf.parts().size() > NAMED ? ", ..." : "");
    String rate = leaf.reading() == null ? "" : ": " + each(kind, leaf.reading().rate()) + " per request of them";
    return "in " + leaf.parts().size() + " " + noun(nouns(List.of(leaf)), leaf.parts().size()) + " of " + phase
        + " (" + names + ")"
        + rate + otherwise;
  }

  /** {@code 920 B per "cart: add item" request}, {@code 1.0 goroutine per "feed: drop" SSE stream}. */
  private static String rateOf(CheckKind kind, double rate, RequestPart part) {
    if (kind.isBytes() || rate / kind.perCount() >= 0.095) {
      return each(kind, rate) + " per \"" + part.name() + "\" " + part.noun();
    }
    return String.format(Locale.ROOT, "%.1f goroutines per %,d \"%s\" %s", rate, kind.perCount(), part.name(),
        plural(part.noun()));
  }

  /** What one request keeps: {@code 920 B}, {@code 1.0 goroutine}, {@code 0.02 goroutines}. */
  static String each(CheckKind kind, double rate) {
    if (kind.isBytes()) {
      return kind.format(rate);
    }
    double one = rate / kind.perCount();
    String text = String.format(Locale.ROOT, Math.abs(one) >= 0.095 ? "%.1f" : "%.2f", one);
    return text + (text.equals("1.0") ? " goroutine" : " goroutines");
  }

  private static double perOne(CheckKind kind, double rate) {
    return kind.isBytes() ? rate : rate / kind.perCount();
  }

  /** The kind whose figures read per request: bytes stay, goroutines per 1,000 become per request. */
  private static CheckKind perRequest(CheckKind kind) {
    return kind.isBytes() ? kind : CheckKind.GOROUTINES_PER_1000_REQUESTS;
  }

  private static String verb(CheckKind kind) {
    return kind.isBytes() ? "retains" : "leaves";
  }

  private static double share(Leaf leaf) {
    double weight = leaf.parts().stream().mapToDouble(RequestPart::perJourney).sum();
    return leaf.reading() == null ? Double.MAX_VALUE : leaf.reading().rate() * weight;
  }

  private static double maxHigh(List<Leaf> leaves) {
    return Math.max(0, leaves.stream().mapToDouble(l -> l.reading().high()).max().orElse(0));
  }

  /** The rate the groups share, each weighted by its precision. */
  private static double pooled(List<Leaf> holding) {
    double weights = 0;
    double weighted = 0;
    for (Leaf leaf : holding) {
      double w = 1 / Math.pow(Math.max(leaf.reading().standardError(), 1e-9), 2);
      weights += w;
      weighted += w * leaf.reading().rate();
    }
    return weights == 0 ? 0 : weighted / weights;
  }

  /** The noun the leaves' requests share ("request", "upload"), or "exchange" when they differ. */
  private static String nouns(List<Leaf> leaves) {
    List<String> nouns = leaves.stream().flatMap(l -> l.parts().stream()).map(RequestPart::noun).distinct().toList();
    return nouns.size() == 1 ? nouns.get(0) : "exchange";
  }

  private static String plural(String noun) {
    return noun + "s";
  }

  private static String noun(String noun, int count) {
    return count == 1 ? noun : plural(noun);
  }

  /** {@code 1 round}, {@code 6 rounds}. */
  private static String count(int count, String noun) {
    return count + " " + noun(noun, count);
  }

}
