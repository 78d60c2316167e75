package io.ginpreflight.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code goroutine?debug=2}, which is runtime.Stack of every goroutine: a header
 * {@code goroutine 7 [chan send, 3 minutes]:}, then per frame a {@code func(args)} line and a
 * {@code \tfile:line +0x..} line, maybe a {@code created by} pair, then a blank line.
 */
final class GoroutineStacksText {

  // Under GOTRACEBACK=system the header carries "gp=0x.. m=.." between the id and the state.
  private static final Pattern HEADER = Pattern.compile("^goroutine (\\d+)(?: [^\\[]*)? \\[([^\\]]*)\\]:$");
  private static final Pattern WAIT = Pattern.compile("^(\\d+) minutes?$");
  // The offset is missing on inlined frames; GOTRACEBACK=system appends fp= sp= pc=.
  private static final Pattern FILE_LINE = Pattern.compile("^\t(.+?):(\\d+)(?: .*)?$");
  private static final String LEAKED = " (leaked)";
  private static final Pattern CREATED_BY = Pattern.compile("^created by (\\S+)(?: in goroutine \\d+)?$");

  private GoroutineStacksText() {}

  static GoroutineDump parse(String text) throws SignalUnavailable {
    // Trailing blank lines carry nothing; without them a cut after a function line reads as such.
    String[] lines = text.stripTrailing().split("\n", -1);
    List<GoroutineStack> stacks = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      if (lines[i].isBlank()) {
        i++;
        continue;
      }
      Matcher header = HEADER.matcher(lines[i]);
      if (!header.matches()) {
        throw new SignalUnavailable("goroutine dump line " + (i + 1) + " is not 'goroutine N [state]:': "
            + ProfileLines.quote(lines[i]));
      }
      String[] status = header.group(2).split(", ");
      List<StackFrame> frames = new ArrayList<>();
      StackFrame createdBy = null;
      i++;
      for (; i < lines.length && !lines[i].isBlank(); i += 2) {
        String function = lines[i];
        if (function.startsWith("...") || function.startsWith("[originating from")) {
          i--; // "...additional frames elided..." and ancestry notes stand alone, no file line
          continue;
        }
        if (i + 1 >= lines.length) {
          throw new SignalUnavailable("the goroutine dump ends at line " + lines.length
              + " inside a frame (truncated?)");
        }
        Matcher fileLine = FILE_LINE.matcher(lines[i + 1]);
        if (function.startsWith("\t") || !fileLine.matches()) {
          int bad = function.startsWith("\t") ? i : i + 1;
          throw new SignalUnavailable("goroutine dump line " + (bad + 1) + " is not a frame's "
              + (bad == i ? "function" : "file:line") + ": " + ProfileLines.quote(lines[bad]));
        }
        Matcher created = CREATED_BY.matcher(function);
        StackFrame frame = new StackFrame(created.matches() ? created.group(1) : withoutArguments(function),
            fileLine.group(1), Integer.parseInt(fileLine.group(2)));
        if (created.matches()) {
          createdBy = frame;
        } else {
          frames.add(frame);
        }
      }
      // After a goroutineleak GC proved it stuck, the runtime writes "[chan send (leaked)]".
      boolean leaked = status[0].endsWith(LEAKED);
      String state = leaked ? status[0].substring(0, status[0].length() - LEAKED.length()) : status[0];
      stacks.add(new GoroutineStack(1, state, waitMinutes(status), frames, site(frames, createdBy), createdBy,
          leaked));
    }
    if (stacks.isEmpty()) {
      throw new SignalUnavailable("the goroutine dump lists no goroutine");
    }
    return new GoroutineDump(stacks.size(), stacks);
  }

  /**
   * The stack's own user-code frame; failing that, the user code that started the goroutine, which
   * is the place to fix a goroutine parked entirely inside a library (a websocket read loop).
   */
  private static Site site(List<StackFrame> frames, StackFrame createdBy) {
    boolean userFrame = frames.stream().anyMatch(SiteRule::isUserCode);
    if (!userFrame && createdBy != null && SiteRule.isUserCode(createdBy)) {
      return Site.of(createdBy);
    }
    return SiteRule.siteOf(frames);
  }

  /** {@code net/http.(*conn).serve(0xc0001, {0x1, 0x2})} is {@code net/http.(*conn).serve}. */
  private static String withoutArguments(String function) {
    if (!function.endsWith(")")) {
      return function;
    }
    int depth = 0;
    for (int at = function.length() - 1; at >= 0; at--) {
      char c = function.charAt(at);
      if (c == ')') {
        depth++;
      } else if (c == '(' && --depth == 0) {
        return function.substring(0, at);
      }
    }
    return function;
  }

  private static long waitMinutes(String[] status) {
    for (int at = 1; at < status.length; at++) {
      Matcher wait = WAIT.matcher(status[at]);
      if (wait.matches()) {
        return Long.parseLong(wait.group(1));
      }
    }
    return 0;
  }
}
