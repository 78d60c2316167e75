package io.ginpreflight.procfs;

import io.ginpreflight.model.TempFileGroup;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The temp files a phase left behind, by directory and name pattern ({@link NamePattern}), with their
 * sizes: the difference of the listings two probes saved ({@code size<TAB>relative path} per file).
 */
public final class TempFileGroups {

  /** Patterns whose writer is well known, and what to look for. */
  private static final Map<String, String> KNOWN = Map.of(
      "multipart-*", "Go's mime/multipart spills a part over the form's memory limit (gin's MaxMultipartMemory) "
          + "to multipart-*; net/http removes them after a request whose form it parsed, so these come from a "
          + "form read by hand (multipart.Reader.ReadForm) without Form.RemoveAll, or files moved aside");

  private TempFileGroups() {}

  private static final String DIR = "# dir ";

  /** Every regular file under {@code dir}: its size and path relative to it, one a line, after the dir's. */
  public static String listing(Path dir) {
    StringBuilder text = new StringBuilder(DIR).append(dir).append('\n');
    RegularFiles.walk(dir,
        (file, bytes) -> text.append(bytes).append('\t').append(dir.relativize(file)).append('\n'));
    return text.toString();
  }

  /** The temp dir's folder name from a listing's first line ({@code service-tmp}); "the temp dir" without it. */
  public static String dirName(String listing) {
    String first = listing.lines().findFirst().orElse("");
    if (!first.startsWith(DIR)) {
      return "the temp dir";
    }
    Path name = Path.of(first.substring(DIR.length())).getFileName();
    return name == null ? first.substring(DIR.length()) : name.toString();
  }

  private record Key(String directory, String pattern) {}

  private static final class Tally {
    long before;
    long after;
    long beforeBytes;
    long afterBytes;
    long smallest = Long.MAX_VALUE;
    long largest;
  }

  /** @param tempDirName how messages name the temp dir itself ({@code service-tmp}) */
  public static List<TempFileGroup> grown(String beforeListing, String afterListing, String tempDirName, int top) {
    Map<Key, Tally> tallies = new LinkedHashMap<>();
    Set<String> was = new HashSet<>();
    beforeListing.lines().filter(l -> l.contains("\t") && !l.startsWith(DIR)).forEach(line -> {
      String path = line.substring(line.indexOf('\t') + 1);
      was.add(path);
      Tally tally = tallies.computeIfAbsent(key(path, tempDirName), k -> new Tally());
      tally.before++;
      tally.beforeBytes += Long.parseLong(line.substring(0, line.indexOf('\t')));
    });
    afterListing.lines().filter(l -> l.contains("\t") && !l.startsWith(DIR)).forEach(line -> {
      String path = line.substring(line.indexOf('\t') + 1);
      long size = Long.parseLong(line.substring(0, line.indexOf('\t')));
      Tally tally = tallies.computeIfAbsent(key(path, tempDirName), k -> new Tally());
      tally.after++;
      tally.afterBytes += size;
      if (!was.contains(path)) {
        tally.smallest = Math.min(tally.smallest, size);
        tally.largest = Math.max(tally.largest, size);
      }
    });
    return tallies.entrySet().stream().filter(e -> e.getValue().after > e.getValue().before)
        .map(e -> new TempFileGroup(e.getKey().pattern(), e.getKey().directory(), e.getValue().before,
            e.getValue().after, e.getValue().smallest, e.getValue().largest,
            e.getValue().afterBytes - e.getValue().beforeBytes, KNOWN.getOrDefault(e.getKey().pattern(), "")))
        .sorted(Comparator.comparingLong(TempFileGroup::growth).reversed()
            .thenComparing(Comparator.comparingLong(TempFileGroup::grownBytes).reversed())
            .thenComparing(TempFileGroup::pattern))
        .limit(top).toList();
  }

  /** One directory per request ({@code os.MkdirTemp}) is a pattern too: {@code gin-lab-batch-*}{@code /*}. */
  private static Key key(String relativePath, String tempDirName) {
    String pattern = java.util.Arrays.stream(relativePath.split("/")).map(NamePattern::of)
        .collect(java.util.stream.Collectors.joining("/"));
    return new Key(tempDirName, pattern);
  }
}
