package io.ginpreflight.signal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample line of a Prometheus exposition, classic text or OpenMetrics:
 * {@code name{label="value",...} value [timestamp] [# {exemplar labels} value [timestamp]]}.
 */
record ExpositionLine(String series, String name, Map<String, String> labels, double value) {

  static ExpositionLine parse(String line, int lineNumber) throws SignalUnavailable {
    Cursor at = new Cursor(line);
    String name = at.name();
    if (name.isEmpty()) {
      throw problem(lineNumber, "is not 'name value'", line);
    }
    Map<String, String> labels = Map.of();
    if (at.peek() == '{') {
      labels = at.labels();
      if (labels == null) {
        throw problem(lineNumber, "has a malformed label set", line);
      }
    }
    String series = line.substring(0, at.position);
    String rest = line.substring(at.position);
    if (rest.isEmpty() || !Character.isWhitespace(rest.charAt(0))) {
      throw problem(lineNumber, "is not 'name value'", line);
    }
    int exemplar = rest.indexOf(" # ");
    if (exemplar >= 0) {
      if (!isExemplar(rest.substring(exemplar + 3).strip())) {
        throw problem(lineNumber, "has a malformed exemplar", line);
      }
      rest = rest.substring(0, exemplar);
    }
    String[] tokens = rest.strip().split("[ \t]+");
    if (tokens.length > 2 || tokens[0].isEmpty()) {
      throw problem(lineNumber, "is not 'name value'", line);
    }
    double value;
    try {
      value = number(tokens[0]);
    } catch (NumberFormatException e) {
      throw problem(lineNumber, "has no numeric value", line);
    }
    if (tokens.length == 2) {
      try {
        number(tokens[1]); // classic: integer milliseconds; OpenMetrics: float seconds
      } catch (NumberFormatException e) {
        throw problem(lineNumber, "has a non-numeric timestamp", line);
      }
    }
    return new ExpositionLine(series, name, labels, value);
  }

  /** {@code {trace_id="abc"} 1.0} with an optional timestamp, as OpenMetrics puts after " # ". */
  private static boolean isExemplar(String text) {
    Cursor at = new Cursor(text);
    if (at.peek() != '{' || at.labels() == null) {
      return false;
    }
    String[] tokens = text.substring(at.position).strip().split("[ \t]+");
    if (tokens.length < 1 || tokens.length > 2) {
      return false;
    }
    try {
      for (String token : tokens) {
        number(token);
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static double number(String token) {
    return switch (token) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(token);
    };
  }

  static SignalUnavailable problem(int lineNumber, String what, String line) {
    return new SignalUnavailable("metrics line " + lineNumber + " " + what + ": " + ProfileLines.quote(line));
  }

  /** Walks a line left to right; methods return null on malformed input instead of throwing. */
  private static final class Cursor {
    private final String text;
    private int position;

    Cursor(String text) {
      this.text = text;
    }

    char peek() {
      return position < text.length() ? text.charAt(position) : '\0';
    }

    String name() {
      int start = position;
      while (position < text.length() && isNameChar(text.charAt(position), position == start)) {
        position++;
      }
      return text.substring(start, position);
    }

    /** {@code {a="1",b="x\"y"}}, trailing comma allowed; escapes \\ \" \n as both formats define. */
    Map<String, String> labels() {
      Map<String, String> labels = new LinkedHashMap<>();
      position++; // '{'
      while (true) {
        skipSpaces();
        if (peek() == '}') {
          position++;
          return Collections.unmodifiableMap(labels);
        }
        String label = name();
        skipSpaces();
        if (label.isEmpty() || peek() != '=') {
          return null;
        }
        position++;
        skipSpaces();
        String value = quoted();
        if (value == null) {
          return null;
        }
        labels.put(label, value);
        skipSpaces();
        if (peek() == ',') {
          position++;
        } else if (peek() != '}') {
          return null;
        }
      }
    }

    private String quoted() {
      if (peek() != '"') {
        return null;
      }
      StringBuilder value = new StringBuilder();
      for (position++; position < text.length(); position++) {
        char c = text.charAt(position);
        if (c == '"') {
          position++;
          return value.toString();
        }
        if (c == '\\' && position + 1 < text.length()) {
          char escaped = text.charAt(++position);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      return null;
    }

    private void skipSpaces() {
      while (peek() == ' ' || peek() == '\t') {
        position++;
      }
    }

    private static boolean isNameChar(char c, boolean first) {
      return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (!first && c >= '0' && c <= '9');
    }
  }
}
