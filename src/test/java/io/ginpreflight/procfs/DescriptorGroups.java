package io.ginpreflight.procfs;

import io.ginpreflight.model.DescriptorGroup;
import io.ginpreflight.model.DescriptorKind;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The descriptors a phase left open, by kind, peer and detail: the difference of the listings
 * ({@link DescriptorListing.Descriptor#line()}) two probes saved. Groups that did not grow are left out.
 */
public final class DescriptorGroups {

  /** Largest first; on a tie outbound sockets (an upstream not released) before the rest. */
  private static final Comparator<DescriptorGroup> LARGEST_FIRST =
      Comparator.comparingLong(DescriptorGroup::growth).reversed()
          .thenComparing(g -> g.detail().startsWith("outbound") ? 0 : 1)
          .thenComparing(DescriptorGroup::kind).thenComparing(DescriptorGroup::peer);

  private DescriptorGroups() {}

  public static String listing(List<DescriptorListing.Descriptor> descriptors) {
    StringBuilder text = new StringBuilder();
    descriptors.forEach(d -> text.append(d.line()).append('\n'));
    return text.toString();
  }

  public static List<DescriptorGroup> grown(String beforeListing, String afterListing, int top) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    beforeListing.lines().filter(l -> !l.isBlank()).forEach(l -> counts.computeIfAbsent(l, k -> new long[2])[0]++);
    afterListing.lines().filter(l -> !l.isBlank()).forEach(l -> counts.computeIfAbsent(l, k -> new long[2])[1]++);
    return counts.entrySet().stream().filter(e -> e.getValue()[1] > e.getValue()[0])
        .map(e -> group(e.getKey(), e.getValue())).sorted(LARGEST_FIRST).limit(top).toList();
  }

  private static DescriptorGroup group(String line, long[] counts) {
    String[] fields = line.split("\t", -1);
    DescriptorKind kind = Arrays.stream(DescriptorKind.values()).filter(k -> k.jsonName().equals(fields[0]))
        .findFirst().orElse(DescriptorKind.OTHER);
    return new DescriptorGroup(kind, fields.length > 1 ? fields[1] : "", fields.length > 2 ? fields[2] : "",
        counts[0], counts[1]);
  }
}
