package io.ginpreflight.signal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /debug/pprof/heap?debug=1}: the header, one record per allocation stack, then the
 * {@code # runtime.MemStats} block. Counts in the text are samples; {@link #inuseBytesBySite()}
 * scales them to the whole heap the way {@code go tool pprof} does.
 */
public final class HeapProfileText {

  private static final Pattern HEADER =
      Pattern.compile("^heap profile: (\\d+): (\\d+) \\[(\\d+): (\\d+)\\] @ heap/(\\d+)$");
  private static final Pattern RECORD =
      Pattern.compile("^(\\d+): (\\d+) \\[(\\d+): (\\d+)\\] @((?: 0x[0-9a-f]+)*)$");
  private static final String MEMSTATS = "# runtime.MemStats";

  private final long samplingRate;
  private final List<HeapRecord> records;
  private final MemStatsBlock memStats;

  private HeapProfileText(long samplingRate, List<HeapRecord> records, MemStatsBlock memStats) {
    this.samplingRate = samplingRate;
    this.records = List.copyOf(records);
    this.memStats = memStats;
  }

  /**
   * The sampling rate a heap profile's header says is in force (runtime.MemProfileRate), from its first line
   * alone; empty when the text is not a heap profile.
   */
  public static java.util.OptionalLong samplingRateOf(String text) {
    String first = text.lines().findFirst().orElse("").strip();
    Matcher header = HEADER.matcher(first);
    return header.matches() ? java.util.OptionalLong.of(Long.parseLong(header.group(5)) / 2)
        : java.util.OptionalLong.empty();
  }

  public static HeapProfileText parse(String text) throws SignalUnavailable {
    if (text.isBlank()) {
      throw new SignalUnavailable("the heap profile is empty");
    }
    String[] lines = text.split("\n", -1);
    Matcher header = HEADER.matcher(lines[0].strip());
    if (!header.matches()) {
      throw new SignalUnavailable("heap profile line 1 is not 'heap profile: N: N [N: N] @ heap/RATE' "
          + "(is this /debug/pprof/heap?debug=1?): " + ProfileLines.quote(lines[0]));
    }
    // runtime/pprof writes 2*MemProfileRate for the sake of old pprof versions, which halve it back.
    long samplingRate = Long.parseLong(header.group(5)) / 2;
    List<HeapRecord> records = new ArrayList<>();
    long[] counts = null;
    List<StackFrame> frames = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith(MEMSTATS)) {
        if (counts != null) {
          records.add(record(counts, frames));
        }
        return new HeapProfileText(samplingRate, records, MemStatsBlock.parse(text));
      }
      Matcher record = RECORD.matcher(line);
      if (record.matches()) {
        if (counts != null) {
          records.add(record(counts, frames));
        }
        counts = new long[] {Long.parseLong(record.group(1)), Long.parseLong(record.group(2)),
            Long.parseLong(record.group(3)), Long.parseLong(record.group(4))};
        frames = new ArrayList<>();
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      StackFrame frame = ProfileLines.pprofFrame(line);
      if (frame == null || counts == null) {
        throw new SignalUnavailable("heap profile line " + (i + 1) + " is neither a record nor a frame: "
            + ProfileLines.quote(line));
      }
      frames.add(frame);
    }
    throw new SignalUnavailable("the heap profile ends at line " + lines.length + " without its '"
        + MEMSTATS + "' block (truncated?)");
  }

  private static HeapRecord record(long[] counts, List<StackFrame> frames) {
    return new HeapRecord(counts[0], counts[1], counts[2], counts[3], frames);
  }

  /** The runtime's MemProfileRate: on average one sample per this many allocated bytes. */
  public long samplingRate() {
    return samplingRate;
  }

  public List<HeapRecord> records() {
    return records;
  }

  /** In-use bytes by site, scaled per record, largest first. */
  public Map<Site, Long> inuseBytesBySite() {
    Map<Site, Long> bySite = new LinkedHashMap<>();
    for (HeapRecord record : records) {
      bySite.merge(record.site(), record.scaledInuse(samplingRate).bytes(), Long::sum);
    }
    return SiteCounts.largestFirst(bySite);
  }

  /** All in-use bytes, scaled: what {@code go tool pprof -inuse_space} reports as the total. */
  public long inuseBytes() {
    return records.stream().mapToLong(record -> record.scaledInuse(samplingRate).bytes()).sum();
  }

  public MemStatsBlock memStats() {
    return memStats;
  }
}
