package io.ginpreflight.families;

import io.gatling.javaapi.core.Session;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code #{name}} placeholders from session attributes, for the raw clients that bypass Gatling's EL. */
final class SessionText {

  private static final Pattern PLACEHOLDER = Pattern.compile("#\\{([A-Za-z0-9_.-]+)}");

  private SessionText() {}

  static String fill(String template, Session session) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!session.contains(name)) {
        throw new IllegalArgumentException("'" + template + "' uses #{" + name + "}, which this journey does not "
            + "have: use #{seq} or a column of the family's feeder");
      }
      matcher.appendReplacement(filled, Matcher.quoteReplacement(String.valueOf((Object) session.get(name))));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }
}
