package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.ElFileBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.ginpreflight.gatling.AloneStatus;
import io.ginpreflight.gatling.JourneyParts;
import io.ginpreflight.model.RequestPart;
import java.util.List;

/**
 * Turns configured endpoints into Gatling requests, each checking its expected status; and into the parts an
 * attribution sends alone, whose status is counted rather than checked ({@link AloneStatus}).
 */
final class EndpointRequests {

  private EndpointRequests() {}

  static ChainBuilder all(List<Endpoint> endpoints) {
    ChainBuilder chain = exec(session -> session);
    for (Endpoint endpoint : endpoints) {
      chain = chain.exec(one(endpoint));
    }
    return chain;
  }

  static ChainBuilder one(Endpoint endpoint) {
    return repeated(endpoint, request(endpoint));
  }

  /** Each endpoint as a request an attribution can send without the rest of its journey. */
  static List<JourneyParts.Part> parts(List<Endpoint> endpoints, AloneStatus alone) {
    return endpoints.stream().map(endpoint -> new JourneyParts.Part(
        RequestPart.request(endpoint.name(), endpoint.method(), endpoint.path(), endpoint.repeat()),
        repeated(endpoint, unchecked(endpoint).check(alone.of(endpoint.name(), endpoint.statuses()))))).toList();
  }

  private static ChainBuilder repeated(Endpoint endpoint, HttpRequestActionBuilder request) {
    ChainBuilder once = exec(request);
    return endpoint.repeat() == 1 ? once : repeat(endpoint.repeat()).on(once);
  }

  static HttpRequestActionBuilder request(Endpoint endpoint) {
    Integer[] statuses = endpoint.statuses().toArray(Integer[]::new);
    return unchecked(endpoint).check(status().in(statuses));
  }

  /** The request with its headers and body, and no status check yet. */
  private static HttpRequestActionBuilder unchecked(Endpoint endpoint) {
    HttpRequestActionBuilder request = http(endpoint.name()).httpRequest(endpoint.method(), endpoint.path())
        .headers(endpoint.headers());
    if (endpoint.contentType().isPresent()) {
      request = request.header("Content-Type", endpoint.contentType().get());
    }
    if (endpoint.body().isPresent()) {
      request = request.body(StringBody(endpoint.body().get()));
    } else if (endpoint.bodyFile().isPresent()) {
      request = request.body(ElFileBody(endpoint.bodyFile().get()));
    } else if (!endpoint.form().isEmpty()) {
      request = request.formParamMap(new java.util.LinkedHashMap<String, Object>(endpoint.form()));
    }
    return request;
  }
}
