package io.ginpreflight.families;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ginpreflight.config.ConfigProblem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One login before any load, so that wrong credentials, a wrong status or a token that is not where the
 * configuration says stop the run with a sentence instead of failing every virtual user. Its messages
 * name statuses, keys, variables and field names, never a value from the request or the answer.
 */
final class LoginTrial {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern PLACEHOLDER = Pattern.compile("#\\{([^}]+)}");
  /** The trial's #{seq}: the virtual users start from 1, and a service may refuse reusing a name. */
  private static final String TRIAL_SEQ = "0";

  private LoginTrial() {}

  /** @throws ConfigProblem when the login does not answer a token where the configuration says */
  static void run(Login login, String baseUrl) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + fill(login.path(), login.credentials())))
        .timeout(TIMEOUT).header("User-Agent", "gin-preflight");
    if (login.body().isPresent()) {
      request.header("Content-Type", login.contentType())
          .method(login.method(), HttpRequest.BodyPublishers.ofString(fill(login.body().get(), login.credentials())));
    } else {
      request.method(login.method(), HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> answer;
    try {
      answer = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
          .send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConfigProblem(what(login) + " could not be sent to " + baseUrl + ": "
          + e.getClass().getSimpleName() + "; check preflight.login.path and that the service is up.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigProblem(what(login) + " was interrupted before its answer came.");
    }
    if (!login.statuses().contains(answer.statusCode())) {
      throw new ConfigProblem(what(login) + " answered HTTP " + answer.statusCode()
          + ", expected " + statuses(login) + ": check the credentials in "
          + (login.credentialVariables().isEmpty() ? "preflight.login.credentials-env"
              : String.join(", ", login.credentialVariables().values()))
          + ", preflight.login.body and preflight.login.status.");
    }
    if (!hasToken(login.token(), answer)) {
      throw new ConfigProblem(what(login) + " answered HTTP " + answer.statusCode()
          + " without a token at " + login.token().describe() + " (" + whatItHas(login.token(), answer)
          + "): fix preflight.login.token.");
    }
  }

  private static String what(Login login) {
    return "The login " + login.method() + " " + login.path() + " (preflight.login)";
  }

  private static String statuses(Login login) {
    return String.join(" or ", login.statuses().stream().map(String::valueOf).toList());
  }

  private static boolean hasToken(TokenSource token, HttpResponse<String> answer) {
    return switch (token.kind()) {
      case JSON_PATH -> json(answer).map(node -> node.at(token.jsonPointer()))
          .map(node -> node.isValueNode() && !node.asText().isEmpty()).orElse(false);
      case HEADER -> answer.headers().firstValue(token.where()).filter(value -> !value.isEmpty()).isPresent();
      case COOKIE -> answer.headers().allValues("Set-Cookie").stream()
          .anyMatch(cookie -> cookie.startsWith(token.where() + "="));
    };
  }

  /** Names only: the answer's top-level fields, header names or cookie names. */
  private static String whatItHas(TokenSource token, HttpResponse<String> answer) {
    List<String> names = new ArrayList<>();
    switch (token.kind()) {
      case JSON_PATH -> {
        var node = json(answer);
        if (node.isEmpty()) {
          return "its body is not JSON";
        }
        node.get().fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "its JSON has no fields" : "its JSON's top-level fields: " + String.join(", ", names);
      }
      case HEADER -> names.addAll(answer.headers().map().keySet());
      case COOKIE -> answer.headers().allValues("Set-Cookie").forEach(c -> names.add(c.split("=", 2)[0]));
    }
    return names.isEmpty() ? "none" : "it has " + String.join(", ", names);
  }

  private static java.util.Optional<JsonNode> json(HttpResponse<String> answer) {
    try {
      return java.util.Optional.of(new ObjectMapper().readTree(answer.body()));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static String fill(String template, Map<String, String> credentials) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      matcher.appendReplacement(filled, Matcher.quoteReplacement(name.equals("seq") ? TRIAL_SEQ
          : credentials.getOrDefault(name, matcher.group())));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }
}
