package io.ginpreflight.signal;

import io.ginpreflight.model.HeapDetail;
import io.ginpreflight.model.HeapFrame;
import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.SiteOrigin;
import io.ginpreflight.model.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The heap sites that grew between two heap profiles, ranked by the service's own code: every allocation
 * stack is counted at its innermost frame of the main module, wherever that frame is in the stack (the
 * handler that asked {@code encoding/json} for the bytes, not {@code encoding/json}); a stack with no
 * frame of the service's at all is counted at its allocation site in the library.
 *
 * <p>Sampling: the runtime records an allocation of s bytes with probability p = 1 - e^(-s/rate), and a
 * profile scales each sampled object up by 1/p. The number of new samples in a record is close to Poisson,
 * so the scaled growth of n new samples of size s has a variance of about s² n (1-p) / p²; a site's 95 %
 * uncertainty is 1.96 times the root of its records' summed variances. Objects kept from before the phase
 * were sampled once, before it, and add no variance to the growth.
 */
public final class HeapSites {

  private static final double Z95 = 1.96;

  private HeapSites() {}

  private record Key(String function, String location) {}

  private static final class Tally {
    long bytesBefore;
    long bytesAfter;
    long objectsBefore;
    long objectsAfter;
    double variance;
    long largest = -1;
    HeapRecord representative;
  }

  /**
   * Largest growth first, at most {@code limit} sites, only sites that grew; when none of them is the
   * service's own code, the largest own-code site that grew follows them.
   */
  public static List<SiteGrowth> growing(HeapProfileText before, HeapProfileText after, SiteContext context,
      int limit) {
    Map<List<StackFrame>, HeapRecord> was = new HashMap<>();
    before.records().forEach(r -> was.merge(r.frames(), r, HeapSites::sum));
    Map<Key, Tally> tallies = new LinkedHashMap<>();
    for (HeapRecord record : before.records()) {
      Tally tally = tallies.computeIfAbsent(key(record.frames(), context), k -> new Tally());
      HeapSample scaled = record.scaledInuse(before.samplingRate());
      tally.bytesBefore += scaled.bytes();
      tally.objectsBefore += scaled.count();
    }
    for (HeapRecord record : after.records()) {
      Tally tally = tallies.computeIfAbsent(key(record.frames(), context), k -> new Tally());
      HeapSample scaled = record.scaledInuse(after.samplingRate());
      tally.bytesAfter += scaled.bytes();
      tally.objectsAfter += scaled.count();
      HeapRecord old = was.get(record.frames());
      long newSamples = record.inuseObjects() - (old == null ? 0 : old.inuseObjects());
      tally.variance += variance(record, Math.abs(newSamples), after.samplingRate());
      long grown = scaled.bytes() - (old == null ? 0 : old.scaledInuse(before.samplingRate()).bytes());
      if (grown > tally.largest) {
        tally.largest = grown;
        tally.representative = record;
      }
    }
    List<SiteGrowth> sites = new ArrayList<>();
    tallies.forEach((key, tally) -> {
      if (tally.bytesAfter > tally.bytesBefore && tally.representative != null) {
        sites.add(new SiteGrowth(key.function(), key.location(), tally.bytesBefore, tally.bytesAfter, Unit.BYTES,
            detail(tally, context, after.samplingRate())));
      }
    });
    sites.sort(Comparator.comparingLong(SiteGrowth::growth).reversed()
        .thenComparing(site -> site.heap().origin() == SiteOrigin.OWN_CODE ? 0 : 1)
        .thenComparing(SiteGrowth::function).thenComparing(SiteGrowth::location));
    List<SiteGrowth> top = new ArrayList<>(sites.subList(0, Math.min(limit, sites.size())));
    // A heap grown only in library frames still names the nearest code of the service's that grew (the
    // map that holds what the library allocated), even when it is not among the largest.
    if (top.stream().noneMatch(HeapSites::own)) {
      sites.stream().skip(top.size()).filter(HeapSites::own).findFirst().ifPresent(top::add);
    }
    return List.copyOf(top);
  }

  private static boolean own(SiteGrowth site) {
    return site.heap().origin() == SiteOrigin.OWN_CODE;
  }

  private static HeapRecord sum(HeapRecord a, HeapRecord b) {
    return new HeapRecord(a.inuseObjects() + b.inuseObjects(), a.inuseBytes() + b.inuseBytes(),
        a.allocObjects() + b.allocObjects(), a.allocBytes() + b.allocBytes(), a.frames());
  }

  /** s² n (1-p) / p² for n new samples of the record's average size; none when every allocation is recorded. */
  static double variance(HeapRecord record, long newSamples, long rate) {
    if (newSamples == 0 || record.inuseObjects() == 0 || rate <= 1) {
      return 0;
    }
    double size = (double) record.inuseBytes() / record.inuseObjects();
    double p = 1 - StrictMath.exp(-size / rate);
    return size * size * newSamples * (1 - p) / (p * p);
  }

  private static Key key(List<StackFrame> frames, SiteContext context) {
    Optional<StackFrame> own = frames.stream().filter(context::isOwn).findFirst();
    StackFrame frame = own.orElseGet(() -> allocator(frames).orElse(null));
    return frame == null ? new Key(Site.UNKNOWN.function(), Site.UNKNOWN.location())
        : new Key(frame.function(), frame.location());
  }

  /** The innermost frame outside the runtime: the code that asked for the memory. */
  private static Optional<StackFrame> allocator(List<StackFrame> frames) {
    return frames.stream().filter(f -> !SiteRule.isRuntime(f)).findFirst();
  }

  private static HeapDetail detail(Tally tally, SiteContext context, long rate) {
    List<StackFrame> frames = tally.representative.frames();
    Optional<StackFrame> own = frames.stream().filter(context::isOwn).findFirst();
    Optional<StackFrame> allocator = allocator(frames);
    StackFrame site = own.or(() -> allocator).orElse(null);
    String allocatedIn = "";
    String knownLeak = "";
    if (allocator.isPresent()) {
      StackFrame by = allocator.get();
      if (own.isPresent() && !by.equals(own.get()) && !context.isOwn(by)) {
        allocatedIn = by.function() + " (" + by.location() + ") in " + context.moduleText(by);
      }
      knownLeak = context.knownLeak(by);
    }
    if (knownLeak.isEmpty()) {
      knownLeak = frames.stream().map(context::knownLeak).filter(n -> !n.isEmpty()).findFirst().orElse("");
    }
    List<HeapFrame> stack = frames.stream()
        .map(f -> new HeapFrame(f.function(), f.location(), context.isOwn(f))).toList();
    return new HeapDetail(tally.objectsBefore, tally.objectsAfter, Math.round(Z95 * Math.sqrt(tally.variance)),
        rate, site == null ? SiteOrigin.RUNTIME : context.origin(site),
        site == null ? "the Go runtime" + (context.build().goVersion().isEmpty() ? ""
            : " (" + context.build().goVersion() + ")") : context.moduleText(site), allocatedIn, stack, knownLeak);
  }
}
