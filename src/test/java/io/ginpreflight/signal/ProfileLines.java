package io.ginpreflight.signal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bits of line handling the text parsers share: frame lines and quoting a line in a message. */
final class ProfileLines {

  // "#\t0x4a1b2c\tmain.saveUpload+0x5c\t/src/shop/upload.go:41"; tabwriter may pad with more tabs.
  private static final Pattern PPROF_FRAME =
      Pattern.compile("^#\\s+0x[0-9a-f]+\\s+(\\S+)\\+0x[0-9a-f]+\\s+(.+):(\\d+)$");
  // A frame runtime/pprof could not symbolize prints its PC alone.
  private static final Pattern PPROF_BARE_PC = Pattern.compile("^#\\s+0x[0-9a-f]+$");

  private ProfileLines() {}

  /** A pprof frame line, or null when the line is not one. Unsymbolized frames give a placeholder. */
  static StackFrame pprofFrame(String line) {
    Matcher frame = PPROF_FRAME.matcher(line);
    if (frame.matches()) {
      return new StackFrame(frame.group(1), frame.group(2).strip(), Integer.parseInt(frame.group(3)));
    }
    if (PPROF_BARE_PC.matcher(line).matches()) {
      return new StackFrame("?", line.substring(1).strip(), 0);
    }
    return null;
  }

  static String quote(String line) {
    String flat = line.replace('\t', ' ');
    return flat.length() > 80 ? flat.substring(0, 77) + "..." : flat;
  }
}
