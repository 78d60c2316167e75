package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.feed;

import io.gatling.javaapi.core.ChainBuilder;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.gatling.AloneStatus;
import io.ginpreflight.gatling.JourneyParts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A family that is a list of plain HTTP requests, each with its expected status: parameter binding
 * ({@code preflight.families.binding}: path, query, form and JSON, valid and invalid) and the small "api"
 * family ({@code preflight.families.api}: background work started by a request). Every journey takes a
 * fresh {@code #{seq}} and the next row of the family's feeder, logs in when {@code preflight.login} names
 * the family, then sends every request in order with the family's {@code headers} under its own.
 */
public final class RequestFamily {

  private static final String BINDING = "binding";
  private static final Logger LOG = LoggerFactory.getLogger(RequestFamily.class);

  private final String name;
  private final List<Endpoint> requests;
  private final Optional<String> feeder;
  private final Load load;
  private final Optional<Login> login;

  private RequestFamily(String name, List<Endpoint> requests, Optional<String> feeder, Load load,
      Optional<Login> login) {
    this.name = name;
    this.requests = requests;
    this.feeder = feeder;
    this.load = load;
    this.login = login;
  }

  static Optional<RequestFamily> from(PreflightConfig config, String family, Profile profile, Skips skips,
      Optional<Login> login, Optional<OpenApiFamily.Generated> document) {
    String at = "preflight.families." + family + ".";
    if (!config.bool(at + "enabled")) {
      skips.family(family, at + "enabled is false");
      return Optional.empty();
    }
    Map<String, String> familyHeaders = config.stringMap(at + "headers");
    Optional<Login> used = login.filter(l -> l.logsIn(family));
    Optional<OpenApiFamily.Generated> generated = document.filter(d -> BINDING.equals(family) && !d.requests().isEmpty());
    if (generated.isPresent() && !config.hasNonBlankValue(at + "requests")) {
      List<Endpoint> requests = withHeaders(generated.get().requests(), familyHeaders);
      refuseTokenMisuse(at, requests, family, used);
      return Optional.of(new RequestFamily(family, requests, feeder(config, at), Load.from(config, family, profile),
          used));
    }
    if (!config.hasNonBlankValue(at + "requests")) {
      skips.family(family, at + "requests is not set" + (BINDING.equals(family) ? " (nor preflight.openapi)" : ""));
      return Optional.empty();
    }
    generated.ifPresent(g -> LOG.info("binding: {}requests is set, so it is sent instead of the {} requests {} gave",
        at, g.requests().size(), OpenApiFamily.KEY));
    List<Endpoint> requests = withHeaders(config.objectList(at + "requests", Endpoint.KEYS).stream()
        .map(Endpoint::from).toList(), familyHeaders);
    if (requests.isEmpty()) {
      skips.family(family, at + "requests is empty");
      return Optional.empty();
    }
    refuseTokenMisuse(at, requests, family, used);
    return Optional.of(new RequestFamily(family, requests, feeder(config, at), Load.from(config, family, profile),
        used));
  }

  private static Optional<String> feeder(PreflightConfig config, String at) {
    Optional<String> feeder = config.hasNonBlankValue(at + "feeder") ? Optional.of(config.string(at + "feeder"))
        : Optional.empty();
    feeder.ifPresent(file -> {
      if (RequestFamily.class.getClassLoader().getResource(file) == null) {
        throw new ConfigProblem("Configuration key '" + at + "feeder' names '" + file
            + "', which is not on the test classpath: put the CSV under src/test/resources.");
      }
    });
    return feeder;
  }

  private static List<Endpoint> withHeaders(List<Endpoint> requests, Map<String, String> familyHeaders) {
    return requests.stream().map(endpoint -> endpoint.underHeaders(familyHeaders)).toList();
  }

  /** A request name must not print a secret; a #{token} needs a login. */
  private static void refuseTokenMisuse(String at, List<Endpoint> requests, String family, Optional<Login> used) {
    for (int i = 0; i < requests.size(); i++) {
      Endpoint request = requests.get(i);
      String where = at + "requests[" + i + "]";
      used.ifPresent(l -> l.refuseSecretsInName(where + ".name", request.name()));
      if (used.isEmpty() && request.usesToken()) {
        // Without a login every such request would fail on a missing attribute, after the load started.
        throw new ConfigProblem("Configuration key '" + where + "' (or " + at + "headers) uses #{" + Login.TOKEN
            + "}, but this family's virtual users do not log in: set preflight.login (and list " + family
            + " in preflight.login.families).");
      }
    }
  }

  /** @param alone the status check of a request an attribution sends without the rest of its journey */
  Family family(AloneStatus alone) {
    ChainBuilder fed = feed(new RunSequence());
    if (feeder.isPresent()) {
      fed = fed.feed(csv(feeder.get()).circular());
    }
    if (login.isPresent()) {
      fed = fed.exec(login.get().chain());
    }
    ChainBuilder journey = fed.exec(EndpointRequests.all(requests));
    return new Family(name, journey, journey, load, List.of(),
        Optional.of(JourneyParts.of(fed, EndpointRequests.parts(requests, alone))));
  }
}
