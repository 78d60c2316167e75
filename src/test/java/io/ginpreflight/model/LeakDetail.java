package io.ginpreflight.model;

import java.util.List;

/**
 * What a KO check found behind its number, for memory.json and the KO detail of memory.html: the grown
 * goroutines by stack, state and creator; the grown descriptors by kind and peer; the grown temp files by
 * name pattern. Each list is largest first and empty when the check has no such detail.
 */
public record LeakDetail(List<GoroutineGroup> goroutines, List<DescriptorGroup> descriptors,
    List<TempFileGroup> tempFiles) {

  public static final LeakDetail NONE = new LeakDetail(List.of(), List.of(), List.of());

  public LeakDetail {
    goroutines = goroutines == null ? List.of() : List.copyOf(goroutines);
    descriptors = descriptors == null ? List.of() : List.copyOf(descriptors);
    tempFiles = tempFiles == null ? List.of() : List.copyOf(tempFiles);
  }

  public static LeakDetail ofGoroutines(List<GoroutineGroup> groups) {
    return new LeakDetail(groups, List.of(), List.of());
  }

  public static LeakDetail ofDescriptors(List<DescriptorGroup> groups) {
    return new LeakDetail(List.of(), groups, List.of());
  }

  public static LeakDetail ofTempFiles(List<TempFileGroup> groups) {
    return new LeakDetail(List.of(), List.of(), groups);
  }

  public boolean isEmpty() {
    return goroutines.isEmpty() && descriptors.isEmpty() && tempFiles.isEmpty();
  }

  /** The sentence of the largest group, the one a KO message names; empty when there is none. */
  public String largest() {
    if (!goroutines.isEmpty()) {
      return goroutines.get(0).sentence();
    }
    if (!descriptors.isEmpty()) {
      return descriptors.get(0).sentence();
    }
    return tempFiles.isEmpty() ? "" : tempFiles.get(0).sentence();
  }
}
