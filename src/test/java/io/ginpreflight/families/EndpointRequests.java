package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.ElFileBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.List;

/** Turns configured endpoints into Gatling requests, each checking its expected status. */
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
    ChainBuilder once = exec(request(endpoint));
    return endpoint.repeat() == 1 ? once : repeat(endpoint.repeat()).on(once);
  }

  static HttpRequestActionBuilder request(Endpoint endpoint) {
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
    Integer[] statuses = endpoint.statuses().toArray(Integer[]::new);
    return request.check(status().in(statuses));
  }
}
