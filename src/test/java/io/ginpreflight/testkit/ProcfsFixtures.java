package io.ginpreflight.testkit;

import io.ginpreflight.procfs.DescriptorGroups;
import io.ginpreflight.procfs.DescriptorListing;
import java.util.Map;
import java.util.TreeMap;

/** The classified listing of the captured /proc files (fixtures/capture-sites.sh), for tests of other packages. */
public final class ProcfsFixtures {

  private ProcfsFixtures() {}

  /** @param when {@code before} or {@code after} */
  public static String descriptorListing(String when) {
    Map<Integer, String> links = new TreeMap<>();
    Fixtures.text("procfs-fd-" + when + ".txt").lines().filter(l -> !l.isBlank()).forEach(line -> {
      int space = line.indexOf(' ');
      links.put(Integer.parseInt(line.substring(0, space)), line.substring(space + 1));
    });
    return DescriptorGroups.listing(DescriptorListing.classify(links,
        Fixtures.text("procfs-net-tcp-" + when + ".txt") + "\n" + Fixtures.text("procfs-net-tcp6-" + when + ".txt"),
        Fixtures.text("procfs-net-unix-" + when + ".txt")));
  }
}
