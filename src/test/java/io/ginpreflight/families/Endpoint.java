package io.ginpreflight.families;

import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One configured HTTP request and the status that proves the endpoint handled it, so a broken endpoint
 * is never counted as load. Paths, bodies, headers and form values may use Gatling EL ({@code #{seq}},
 * feeder columns). Read from an entry of a {@code requests = [...]} list.
 *
 * @param name the request's name in Gatling's report, e.g. "bind: JSON order (malformed)"
 * @param method HTTP method
 * @param path path and query under the target's base URL
 * @param contentType the Content-Type header, if any
 * @param body an inline body (EL), if any
 * @param bodyFile a body template under src/test/resources (EL), if any
 * @param form form fields sent as application/x-www-form-urlencoded; empty if none
 * @param headers extra request headers
 * @param statuses the statuses that count as handled
 * @param repeat how many times one journey sends it
 */
public record Endpoint(String name, String method, String path, Optional<String> contentType, Optional<String> body,
    Optional<String> bodyFile, Map<String, String> form, Map<String, String> headers, List<Integer> statuses,
    int repeat) {

  static final Set<String> KEYS = Set.of("name", "method", "path", "content-type", "body", "body-file", "form",
      "headers", "status", "repeat");

  /** Whether its path, body or headers use the login's {@code #{token}}. */
  boolean usesToken() {
    String token = "#{" + Login.TOKEN + "}";
    return path.contains(token) || body.map(b -> b.contains(token)).orElse(false)
        || headers.values().stream().anyMatch(value -> value.contains(token));
  }

  /** This request with the family's static headers added; a header of its own with the same name wins. */
  Endpoint underHeaders(Map<String, String> familyHeaders) {
    if (familyHeaders.isEmpty()) {
      return this;
    }
    Map<String, String> merged = new java.util.LinkedHashMap<>(familyHeaders);
    familyHeaders.keySet().forEach(familyName -> headers.keySet().stream().filter(familyName::equalsIgnoreCase)
        .findFirst().ifPresent(own -> merged.remove(familyName)));
    merged.putAll(headers);
    return new Endpoint(name, method, path, contentType, body, bodyFile, form, java.util.Collections.unmodifiableMap(merged),
        statuses, repeat);
  }

  static Endpoint from(PreflightConfig entry) {
    String name = entry.string("name");
    String method = entry.hasNonBlankValue("method") ? entry.string("method").trim().toUpperCase() : "GET";
    String path = entry.string("path");
    if (!path.startsWith("/")) {
      throw new ConfigProblem("Configuration key '" + entry.name("path") + "' has invalid value '" + path
          + "': expected a path starting with / (the base URL comes from preflight.target.url).");
    }
    Optional<String> body = entry.hasNonBlankValue("body") ? Optional.of(entry.string("body")) : Optional.empty();
    Optional<String> bodyFile = entry.hasNonBlankValue("body-file") ? Optional.of(entry.string("body-file"))
        : Optional.empty();
    Map<String, String> form = entry.hasNonBlankValue("form") ? entry.stringMap("form") : Map.of();
    if ((body.isPresent() ? 1 : 0) + (bodyFile.isPresent() ? 1 : 0) + (form.isEmpty() ? 0 : 1) > 1) {
      throw new ConfigProblem("Request '" + name + "' (" + entry.name("name") + ") sets more than one of body, "
          + "body-file and form: give it one.");
    }
    bodyFile.ifPresent(file -> {
      if (Endpoint.class.getClassLoader().getResource(file) == null) {
        throw new ConfigProblem("Configuration key '" + entry.name("body-file") + "' names '" + file
            + "', which is not on the test classpath: put it under src/test/resources.");
      }
    });
    Optional<String> contentType = entry.hasNonBlankValue("content-type") ? Optional.of(entry.string("content-type"))
        : body.isPresent() || bodyFile.isPresent() ? Optional.of("application/json") : Optional.empty();
    Map<String, String> headers = entry.hasNonBlankValue("headers") ? entry.stringMap("headers") : Map.of();
    int repeat = entry.hasNonBlankValue("repeat") ? entry.positiveInt("repeat") : 1;
    return new Endpoint(name, method, path, contentType, body, bodyFile, form, headers, entry.statuses("status"),
        repeat);
  }
}
