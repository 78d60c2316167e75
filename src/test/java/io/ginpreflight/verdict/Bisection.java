package io.ginpreflight.verdict;

import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.RequestPart;
import io.ginpreflight.plan.AttributionSettings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests of a family to drive alone next, to find those that kept what the family retained. Each alone
 * for a handful; for more, one half first: when it keeps less than half of what the family kept, the other half
 * holds the rest and is halved again without a round of its own; when it keeps something, the other half is
 * driven too. The groups that keep something are halved again, the largest share first, until each is one
 * request, or until at least four groups that cover every request all keep about the same per request (then
 * something every request passes through keeps it).
 *
 * <p>Not thread-safe: one judge thread feeds it, one round at a time.
 */
final class Bisection {

  /** The requests {@code from} (inclusive) to {@code to} (exclusive) of the journey. */
  record Group(int from, int to) {
    int size() {
      return to - from;
    }

    boolean single() {
      return size() == 1;
    }
  }

  /**
   * What a round found of a group, in its kind's unit per request (or per 1,000): the rate, its 95 % interval, and
   * whether it retains beyond doubt (its one-sided 99.99 % bound above 0, and for a count beyond its jitter).
   */
  record Reading(double rate, double low, double high, boolean retains) {

    /** The standard error the 95 % interval came from. */
    double standardError() {
      return (high - low) / (2 * LineFit.Z95);
    }
  }

  /** Chi-square, 99 %, 1 to 10 degrees of freedom: a test of groups that keep alike that rarely says "not alike" by chance. */
  private static final double[] CHI2_99 = {6.63, 9.21, 11.34, 13.28, 15.09, 16.81, 18.48, 20.09, 21.67, 23.21};

  /** Groups that cover every request and keep alike: this many at least, or every request alone when fewer. */
  private static final int ALIKE_GROUPS = 4;

  private final List<RequestPart> parts;
  private final double familyPerJourney;
  private final Group root;
  private final Deque<Group> queue = new ArrayDeque<>();
  private final Map<Group, Reading> readings = new LinkedHashMap<>();
  private final Map<Group, List<Group>> children = new LinkedHashMap<>();
  private final Set<Group> inferred = new HashSet<>();
  private boolean everyRequest;

  /**
   * @param parts the family's requests in journey order
   * @param familyPerJourney what the whole family retained per journey, in the rate's unit: its rate per request
   *     times its requests per journey
   */
  Bisection(List<RequestPart> parts, double familyPerJourney) {
    if (parts.size() < 2) {
      throw new IllegalArgumentException("A family of " + parts.size() + " request needs no attribution.");
    }
    this.parts = List.copyOf(parts);
    this.familyPerJourney = familyPerJourney;
    this.root = new Group(0, parts.size());
    if (parts.size() <= AttributionSettings.HANDFUL) {
      List<Group> each = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        each.add(new Group(i, i + 1));
      }
      children.put(root, each);
      queue.addAll(each);
    } else {
      split(root);
    }
  }

  /** The group to drive alone in the next round; empty when the search has nothing left to ask. */
  Optional<Group> next() {
    while (true) {
      if (!queue.isEmpty()) {
        return Optional.of(queue.poll());
      }
      if (alike()) {
        everyRequest = true;
        return Optional.empty();
      }
      Optional<Group> widest = leaves().stream().filter(g -> !g.single() && holds(g))
          .max(Comparator.comparingDouble(this::share));
      if (widest.isEmpty()) {
        return Optional.empty();
      }
      split(widest.get());
    }
  }

  /** What the round of {@code group} found: it decides whether its sibling needs a round of its own. */
  void measured(Group group, Reading reading) {
    readings.put(group, reading);
    List<Group> siblings = children.get(parentOf(group));
    if (siblings.size() != 2 || !siblings.get(0).equals(group)) {
      return;
    }
    Group other = siblings.get(1);
    if (!reading.retains() && reading.high() * weight(group) < familyPerJourney / 2) {
      // It keeps less than half of what the family kept: the other half holds the rest.
      inferred.add(other);
      if (other.single()) {
        queue.add(other);
      }
    } else {
      queue.add(other);
    }
  }

  /** What the rounds found, once the search ended or its time ran out. */
  Attribution.Outcome outcome() {
    if (everyRequest || (queue.isEmpty() && alike())) {
      return Attribution.Outcome.EVERY_REQUEST;
    }
    List<Group> holding = leaves().stream().filter(this::holds).toList();
    boolean pending = !queue.isEmpty() || holding.stream().anyMatch(g -> !g.single());
    if (pending) {
      return Attribution.Outcome.UNFINISHED;
    }
    return holding.isEmpty() ? Attribution.Outcome.NOT_LOCATED : Attribution.Outcome.LOCATED;
  }

  /** The finest groups known, covering every request once, in journey order. */
  List<Group> leaves() {
    List<Group> leaves = new ArrayList<>();
    collect(root, leaves);
    return leaves;
  }

  /** Every group driven alone, in the order its round ran. */
  Map<Group, Reading> readings() {
    return java.util.Collections.unmodifiableMap(readings);
  }

  Optional<Reading> reading(Group group) {
    return Optional.ofNullable(readings.get(group));
  }

  /** Known to hold what the family kept without a round of its own: its sibling kept less than half. */
  boolean isInferred(Group group) {
    return inferred.contains(group) && !readings.containsKey(group);
  }

  /** Whether a group keeps something: its round says so, or its sibling's round left it the family's growth. */
  boolean holds(Group group) {
    Reading reading = readings.get(group);
    return reading != null ? reading.retains() : inferred.contains(group);
  }

  List<RequestPart> parts(Group group) {
    return parts.subList(group.from(), group.to());
  }

  /** How many requests of the group one journey sends. */
  double weight(Group group) {
    return parts(group).stream().mapToDouble(RequestPart::perJourney).sum();
  }

  private double share(Group group) {
    Reading reading = readings.get(group);
    return reading == null ? Double.POSITIVE_INFINITY : reading.rate() * weight(group);
  }

  /** Halves a group by what one journey sends of each half, the first half queued. */
  private void split(Group group) {
    double total = weight(group);
    int best = group.from() + 1;
    double bestOff = Double.MAX_VALUE;
    double before = 0;
    for (int mid = group.from() + 1; mid < group.to(); mid++) {
      before += parts.get(mid - 1).perJourney();
      double off = Math.abs(before - (total - before));
      if (off < bestOff) {
        bestOff = off;
        best = mid;
      }
    }
    Group first = new Group(group.from(), best);
    children.put(group, List.of(first, new Group(best, group.to())));
    queue.add(first);
  }

  /**
   * Every request is covered by groups driven alone, at least four (or each request alone), and every one of them
   * keeps about the same per request: within what their intervals allow (chi-square, 99 %), or within a factor two.
   */
  private boolean alike() {
    List<Group> leaves = leaves();
    if (leaves.size() < Math.min(ALIKE_GROUPS, parts.size())
        || !leaves.stream().allMatch(g -> readings.containsKey(g) && readings.get(g).retains())) {
      return false;
    }
    List<Reading> found = leaves.stream().map(readings::get).toList();
    double min = found.stream().mapToDouble(Reading::rate).min().orElse(0);
    double max = found.stream().mapToDouble(Reading::rate).max().orElse(0);
    if (min > 0 && max <= 2 * min) {
      return true;
    }
    double weights = 0;
    double weighted = 0;
    for (Reading r : found) {
      double w = 1 / Math.pow(Math.max(r.standardError(), 1e-9), 2);
      weights += w;
      weighted += w * r.rate();
    }
    double pooled = weighted / weights;
    double q = found.stream().mapToDouble(r -> Math.pow((r.rate() - pooled) / Math.max(r.standardError(), 1e-9), 2))
        .sum();
    int freedom = found.size() - 1;
    return q <= CHI2_99[Math.min(freedom, CHI2_99.length) - 1];
  }

  private Group parentOf(Group group) {
    return children.entrySet().stream().filter(e -> e.getValue().contains(group)).map(Map.Entry::getKey)
        .findFirst().orElse(root);
  }

  private void collect(Group group, List<Group> into) {
    List<Group> below = children.get(group);
    if (below == null) {
      into.add(group);
      return;
    }
    below.forEach(child -> collect(child, into));
  }
}
