package io.ginpreflight.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code goroutine?debug=1}: "goroutine profile: total N", then "count @ pcs" and frames. Go 1.26's
 * {@code goroutineleak?debug=1} writes the same format under "goroutineleak profile: total N".
 */
final class GoroutineProfileText {

  static final String HEADER = "goroutine profile: total ";
  static final String LEAK_HEADER = "goroutineleak profile: total ";
  private static final Pattern RECORD = Pattern.compile("^(\\d+) @((?: 0x[0-9a-f]+)*)$");
  private static final String LABELS = "# labels: ";

  private GoroutineProfileText() {}

  static GoroutineDump parse(String text) throws SignalUnavailable {
    String[] lines = text.split("\n", -1);
    long total;
    try {
      String header = lines[0].startsWith(LEAK_HEADER) ? LEAK_HEADER : HEADER;
      total = Long.parseLong(lines[0].substring(header.length()).strip());
    } catch (NumberFormatException e) {
      throw new SignalUnavailable("goroutine profile line 1 has no total: " + ProfileLines.quote(lines[0]));
    }
    List<GoroutineStack> stacks = new ArrayList<>();
    long count = -1;
    String labels = "";
    List<StackFrame> frames = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      Matcher record = RECORD.matcher(line);
      if (record.matches()) {
        if (count >= 0) {
          stacks.add(stack(count, frames, labels));
        }
        count = Long.parseLong(record.group(1));
        frames = new ArrayList<>();
        labels = "";
        continue;
      }
      if (count >= 0 && line.startsWith(LABELS)) {
        labels = line.substring(LABELS.length());
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      StackFrame frame = ProfileLines.pprofFrame(line);
      if (frame == null || count < 0) {
        throw new SignalUnavailable("goroutine profile line " + (i + 1) + " is neither a stack nor a frame: "
            + ProfileLines.quote(line));
      }
      frames.add(frame);
    }
    if (count >= 0) {
      stacks.add(stack(count, frames, labels));
    }
    long counted = stacks.stream().mapToLong(GoroutineStack::count).sum();
    if (counted != total) {
      // The header is written from the same snapshot as the stacks: a shortfall means lost text.
      throw new SignalUnavailable("the goroutine profile says total " + total + " but its stacks add up to "
          + counted + " (truncated?)");
    }
    return new GoroutineDump(total, stacks);
  }

  private static GoroutineStack stack(long count, List<StackFrame> frames, String labels) {
    return new GoroutineStack(count, frames, SiteRule.siteOf(frames, labels));
  }
}
