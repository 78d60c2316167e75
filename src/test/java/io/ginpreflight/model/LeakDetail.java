package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where a KO check's growth is, for its message, memory.json and the KO detail of memory.html: the heap
 * allocation sites or goroutine stacks that grew; the grown goroutines by stack, state and creator; the
 * grown descriptors by kind and peer; the grown temp files by name pattern; which requests of the family kept
 * it, when they were driven apart. Each list is largest first and empty when the check has no such detail.
 *
 * @param attribution null when the requests were not driven apart
 */
public record LeakDetail(List<SiteGrowth> sites, List<GoroutineGroup> goroutines, List<DescriptorGroup> descriptors,
    List<TempFileGroup> tempFiles, @JsonInclude(JsonInclude.Include.NON_NULL) Attribution attribution) {

  public static final LeakDetail NONE = new LeakDetail(List.of(), List.of(), List.of(), List.of());

  public LeakDetail {
    sites = sites == null ? List.of() : List.copyOf(sites);
    goroutines = goroutines == null ? List.of() : List.copyOf(goroutines);
    descriptors = descriptors == null ? List.of() : List.copyOf(descriptors);
    tempFiles = tempFiles == null ? List.of() : List.copyOf(tempFiles);
  }

  public LeakDetail(List<SiteGrowth> sites, List<GoroutineGroup> goroutines, List<DescriptorGroup> descriptors,
      List<TempFileGroup> tempFiles) {
    this(sites, goroutines, descriptors, tempFiles, null);
  }

  /** The same, with the requests that kept the growth. */
  public LeakDetail withAttribution(Attribution found) {
    return new LeakDetail(sites, goroutines, descriptors, tempFiles, found);
  }

  public static LeakDetail ofSites(List<SiteGrowth> sites) {
    return new LeakDetail(sites, List.of(), List.of(), List.of());
  }

  public static LeakDetail ofGoroutines(List<SiteGrowth> sites, List<GoroutineGroup> groups) {
    return new LeakDetail(sites, groups, List.of(), List.of());
  }

  public static LeakDetail ofDescriptors(List<DescriptorGroup> groups) {
    return new LeakDetail(List.of(), List.of(), groups, List.of());
  }

  public static LeakDetail ofTempFiles(List<TempFileGroup> groups) {
    return new LeakDetail(List.of(), List.of(), List.of(), groups);
  }

  /** Whether there are groups beside the sites: a group says more than a site (state, creator, peer). */
  public boolean hasGroups() {
    return !goroutines.isEmpty() || !descriptors.isEmpty() || !tempFiles.isEmpty();
  }

  /** The sentence of the largest group, the one a KO message names; empty when there is none. */
  public String largestGroup() {
    if (!goroutines.isEmpty()) {
      return goroutines.get(0).sentence();
    }
    if (!descriptors.isEmpty()) {
      return descriptors.get(0).sentence();
    }
    return tempFiles.isEmpty() ? "" : tempFiles.get(0).sentence();
  }
}
