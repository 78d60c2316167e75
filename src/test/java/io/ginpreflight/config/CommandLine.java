package io.ginpreflight.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into arguments the way a POSIX shell does for simple quoting: blanks separate
 * arguments, 'single quotes' keep everything, "double quotes" keep everything but a backslash before
 * {@code " \ $ `}, and a backslash outside quotes keeps the next character. Nothing else a shell does
 * happens here (no variables, globs, pipes or {@code &&}): the command is started directly, so a
 * character that would mean something to a shell is refused rather than passed on silently.
 */
public final class CommandLine {

  private static final String SHELL_ONLY = "|&;<>()$`*?";

  private CommandLine() {}

  /** The arguments of {@code line}; {@code key} names the setting in error messages. */
  public static List<String> split(String line, String key) {
    List<String> arguments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inArgument = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
          current.append(line.charAt(++i));
        } else {
          current.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (inArgument) {
          arguments.add(current.toString());
          current.setLength(0);
          inArgument = false;
        }
      } else {
        inArgument = true;
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '\\') {
          if (i + 1 == line.length()) {
            throw new IllegalArgumentException(key + " ends with a lone backslash: " + line);
          }
          current.append(line.charAt(++i));
        } else if (SHELL_ONLY.indexOf(c) >= 0) {
          throw new IllegalArgumentException(key + " contains '" + c + "', which only a shell understands, "
              + "and the command is started without one: quote it, or give the command as a list such as "
              + "[\"sh\", \"-c\", \"...\"]");
        } else {
          current.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException(key + " has an unterminated " + quote + " quote: " + line);
    }
    if (inArgument) {
      arguments.add(current.toString());
    }
    return List.copyOf(arguments);
  }
}
