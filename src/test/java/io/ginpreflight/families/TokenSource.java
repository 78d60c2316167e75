package io.ginpreflight.families;

import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a login's answer carries the token: a JSON path into its body, a response header, or a cookie it
 * sets. Exactly one is configured under {@code preflight.login.token}.
 *
 * @param kind which of the three
 * @param where the JSON path, header name or cookie name
 */
record TokenSource(Kind kind, String where) {

  enum Kind {
    JSON_PATH("json-path"), HEADER("header"), COOKIE("cookie");

    final String key;

    Kind(String key) {
      this.key = key;
    }
  }

  /**
   * The paths both Gatling's jsonPath and the trial login read the same way: names and indexes from the
   * root, e.g. {@code $.token}, {@code $.data.access_token}, {@code $.tokens[0].value}.
   */
  private static final Pattern SIMPLE_JSON_PATH = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_-]*|\\[[0-9]+])+");
  private static final String AT = Login.AT + "token.";

  static TokenSource from(PreflightConfig config) {
    List<TokenSource> given = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      if (config.hasNonBlankValue(AT + kind.key)) {
        given.add(new TokenSource(kind, config.string(AT + kind.key).trim()));
      }
    }
    if (given.size() != 1) {
      throw new ConfigProblem("Configuration key '" + Login.AT + "token' sets " + (given.isEmpty() ? "none" : given.size())
          + " of json-path, header and cookie: set exactly one, e.g. " + AT + "json-path = \"$.token\", so later "
          + "requests can use #{token}.");
    }
    TokenSource source = given.get(0);
    if (source.kind == Kind.JSON_PATH && !SIMPLE_JSON_PATH.matcher(source.where).matches()) {
      throw new ConfigProblem("Configuration key '" + AT + "json-path' has invalid value '" + source.where
          + "': expected a path of names and indexes from the root such as $.token or $.data.access_token.");
    }
    return source;
  }

  /** The JSON pointer the trial login reads the same value with: {@code $.data.token} is {@code /data/token}. */
  String jsonPointer() {
    return where.substring(1).replaceAll("\\[([0-9]+)]", ".$1").replace('.', '/');
  }

  String describe() {
    return switch (kind) {
      case JSON_PATH -> "JSON path " + where;
      case HEADER -> "header " + where;
      case COOKIE -> "cookie " + where;
    };
  }
}
