package io.ginpreflight.signal;

import io.ginpreflight.model.GoroutineGroup;
import io.ginpreflight.model.SiteGrowth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The goroutines a phase left behind, grouped as goleak reports them: by where they wait, in which state
 * and who started them, from the {@code goroutine?debug=2} dumps around the phase. A group whose count did
 * not grow is left out.
 */
public final class GoroutineGroups {

  private static final String LABELS = " [pprof labels ";

  private GoroutineGroups() {}

  private record Key(Site at, String state, boolean leaked, Site creator) {}

  private static final class Tally {
    long before;
    long after;
    long shortestWait = Long.MAX_VALUE;
    List<StackFrame> frames = List.of();
  }

  /**
   * @param labelled the sites of {@code goroutine?debug=1}'s diff, whose pprof labels name the handler of a
   *     stack of library code only (debug=2 prints no labels)
   */
  public static List<GoroutineGroup> grown(GoroutineDump before, GoroutineDump after, List<SiteGrowth> labelled,
      int top) {
    Map<Key, Tally> tallies = new LinkedHashMap<>();
    for (GoroutineStack stack : before.stacks()) {
      tallies.computeIfAbsent(key(stack), k -> new Tally()).before += stack.count();
    }
    for (GoroutineStack stack : after.stacks()) {
      Tally tally = tallies.computeIfAbsent(key(stack), k -> new Tally());
      tally.after += stack.count();
      tally.shortestWait = Math.min(tally.shortestWait, stack.waitMinutes());
      if (tally.frames.isEmpty()) {
        tally.frames = stack.frames();
      }
    }
    List<GoroutineGroup> groups = new ArrayList<>();
    tallies.forEach((key, tally) -> {
      if (tally.after > tally.before) {
        groups.add(new GoroutineGroup(key.at().function(), key.at().location(), key.state(),
            tally.shortestWait == Long.MAX_VALUE ? 0 : tally.shortestWait, key.leaked(),
            key.creator() == null ? "" : key.creator().function(), key.creator() == null ? "" : key.creator().location(),
            labelsOf(key.at(), labelled), tally.before, tally.after,
            tally.frames.stream().map(f -> f.function() + " (" + f.location() + ")").toList()));
      }
    });
    groups.sort(Comparator.comparingLong(GoroutineGroup::growth).reversed()
        .thenComparing(g -> namesTheTarget(g) ? 0 : 1)
        .thenComparing(GoroutineGroup::function).thenComparing(GoroutineGroup::state));
    promoteOwnGroup(groups);
    return List.copyOf(groups.subList(0, Math.min(top, groups.size())));
  }

  /**
   * A leak often strands goroutines of a library beside the service's own (an unclosed response body keeps
   * net/http's server and client loops): when the largest group names nothing of the service, a group that
   * does (its own frame, creator or pprof labels) and grew at least half as much is the one to lead with.
   */
  private static void promoteOwnGroup(List<GoroutineGroup> groups) {
    if (groups.isEmpty() || namesTheTarget(groups.get(0))) {
      return;
    }
    long largest = groups.get(0).growth();
    for (int i = 1; i < groups.size(); i++) {
      if (namesTheTarget(groups.get(i)) && 2 * groups.get(i).growth() >= largest) {
        groups.add(0, groups.remove(i));
        return;
      }
    }
  }

  private static boolean namesTheTarget(GoroutineGroup group) {
    return SiteRule.namesTheTarget(group.function()) || !group.pprofLabels().isEmpty()
        || (!group.createdBy().isEmpty() && SiteRule.namesTheTarget(group.createdBy()));
  }

  /** Where the goroutine itself waits: its own code's frame, else the library frame it started in. */
  private static Key key(GoroutineStack stack) {
    Site creator = stack.createdBy() == null ? null : Site.of(stack.createdBy());
    return new Key(SiteRule.siteOf(stack.frames()), stack.state(), stack.leaked(), creator);
  }

  private static String labelsOf(Site at, List<SiteGrowth> labelled) {
    String prefix = at.function() + LABELS;
    return labelled.stream()
        .filter(site -> site.function().startsWith(prefix) && site.location().equals(at.location()))
        .map(site -> site.function().substring(prefix.length(), site.function().length() - 1))
        .findFirst().orElse("");
  }
}
