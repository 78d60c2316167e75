package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The login every virtual user of the named families sends first ({@code preflight.login}), so that its
 * later requests carry the token the service answered as {@code #{token}} (a cookie the answer sets stays
 * in the user's cookie jar either way). The credentials come from environment variables named in the
 * configuration; their values and the tokens live only in the virtual users' sessions and are never
 * printed. Immutable.
 *
 * @param name the request's name in Gatling's report
 * @param method HTTP method
 * @param path path under the target's base URL (EL)
 * @param body the body (EL, with {@code #{<credential>}}), if any
 * @param contentType the body's Content-Type
 * @param statuses the statuses of a successful login
 * @param credentials each credential's session name and its value, read from the environment
 * @param credentialVariables each credential's session name and the variable that held it, for messages
 * @param token where the answer carries the token
 * @param families the families whose virtual users log in
 */
public record Login(String name, String method, String path, Optional<String> body, String contentType,
    List<Integer> statuses, Map<String, String> credentials, Map<String, String> credentialVariables,
    TokenSource token, List<String> families) {

  /** The session attribute later requests read the token from. */
  public static final String TOKEN = "token";
  static final String AT = "preflight.login.";
  /** Families whose journeys are one virtual user each, where a login first is one login per user. */
  private static final Set<String> SUPPORTED = Set.of(Families.BINDING, Families.API);
  private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /** The login of {@code preflight.login}, or empty when its path is not set. */
  public static Optional<Login> from(PreflightConfig config, UnaryOperator<String> environment) {
    if (!config.hasNonBlankValue(AT + "path")) {
      return Optional.empty();
    }
    String path = config.string(AT + "path");
    if (!path.startsWith("/")) {
      throw new ConfigProblem("Configuration key '" + AT + "path' has invalid value '" + path
          + "': expected a path starting with / (the base URL comes from preflight.target.url).");
    }
    Map<String, String> credentials = new LinkedHashMap<>();
    // Sorted, so that messages read the same whatever order HOCON kept.
    Map<String, String> variables = new java.util.TreeMap<>(config.stringMap(AT + "credentials-env"));
    variables.forEach((sessionName, variable) -> {
      if (!SESSION_NAME.matcher(sessionName).matches() || sessionName.equals(TOKEN)) {
        throw new ConfigProblem("Configuration key '" + AT + "credentials-env." + sessionName + "' is not a usable "
            + "name for #{" + sessionName + "}: use letters, digits and _ (and not 'token', which the login saves).");
      }
      String value = variable.isBlank() ? null : environment.apply(variable);
      if (value == null || value.isEmpty()) {
        throw new ConfigProblem("Configuration key '" + AT + "credentials-env." + sessionName + "' names the "
            + "environment variable '" + variable + "', which is not set: export it with the login's " + sessionName
            + ", or remove the key.");
      }
      credentials.put(sessionName, value);
    });
    Optional<String> body = config.hasNonBlankValue(AT + "body") ? Optional.of(config.string(AT + "body"))
        : Optional.empty();
    body.ifPresent(text -> PLACEHOLDERS.matcher(text).results().map(m -> m.group(1))
        .filter(used -> !credentials.containsKey(used) && !used.equals("seq"))
        .findFirst().ifPresent(used -> {
          throw new ConfigProblem("Configuration key '" + AT + "body' uses #{" + used + "}, which is not one of "
              + AT + "credentials-env (" + String.join(", ", variables.keySet()) + "): name the environment "
              + "variable that holds it there.");
        }));
    List<String> families = config.stringList(AT + "families");
    for (String family : families) {
      if (!SUPPORTED.contains(family)) {
        throw new ConfigProblem("Configuration key '" + AT + "families' names '" + family + "': a login is sent "
            + "by the virtual users of " + String.join(" and ", new java.util.TreeSet<>(SUPPORTED)) + " only.");
      }
    }
    Login login = new Login(config.string(AT + "name"), config.string(AT + "method").trim().toUpperCase(),
        path, body, config.string(AT + "content-type"), config.statuses(AT + "status"), Map.copyOf(credentials),
        java.util.Collections.unmodifiableMap(variables), TokenSource.from(config), List.copyOf(families));
    login.refuseSecretsInName(AT + "name", login.name());
    return Optional.of(login);
  }

  private static final Pattern PLACEHOLDERS = Pattern.compile("#\\{([^}]+)}");

  /**
   * Refuses a request name that would print a credential or the token: Gatling writes names to
   * simulation.log and its report, which are kept and shared.
   *
   * @param where the configuration key of the name, for the message
   */
  void refuseSecretsInName(String where, String requestName) {
    PLACEHOLDERS.matcher(requestName).results().map(m -> m.group(1))
        .filter(used -> used.equals(TOKEN) || credentials.containsKey(used)).findFirst().ifPresent(used -> {
          throw new ConfigProblem("Configuration key '" + where + "' puts #{" + used + "} in a request name, which "
              + "Gatling writes to its report: name the request without it.");
        });
  }

  /** Whether the virtual users of this family log in first. */
  public boolean logsIn(String family) {
    return families.contains(family);
  }

  /**
   * Puts the credentials into the session (later requests may use them too, e.g. a profile path with
   * {@code #{user}}), sends the login and saves the token. Gatling never writes session attributes to its
   * files, so neither reaches a report.
   */
  ChainBuilder chain() {
    HttpRequestActionBuilder request = http(name).httpRequest(method, path);
    if (body.isPresent()) {
      request = request.header("Content-Type", contentType).body(StringBody(body.get()));
    }
    Integer[] codes = statuses.toArray(Integer[]::new);
    return exec(session -> session.setAll(new java.util.HashMap<String, Object>(credentials)))
        .exec(request.check(status().in(codes), tokenCheck()));
  }

  private CheckBuilder tokenCheck() {
    // Each check saves the value without comparing it to anything: a failed comparison would print it.
    return switch (token.kind()) {
      case JSON_PATH -> jsonPath(token.where()).ofString().saveAs(TOKEN);
      case HEADER -> header(token.where()).saveAs(TOKEN);
      case COOKIE -> headerRegex("Set-Cookie", "^" + Pattern.quote(token.where()) + "=([^;]*)").saveAs(TOKEN);
    };
  }

  /** Never the credentials' values: a record's own toString would print them. */
  @Override
  public String toString() {
    return "Login[" + name + ": " + describe() + "]";
  }

  /** The credentials' session names and their variables, never their values: for console lines. */
  public String describe() {
    return method + " " + path + " (credentials from " + (credentialVariables.isEmpty() ? "no variable"
        : String.join(", ", credentialVariables.values())) + "; token from " + token.describe() + ")";
  }
}
