package io.ginpreflight.families;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.feed;

import io.gatling.javaapi.core.ChainBuilder;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A family that is a list of plain HTTP requests, each with its expected status: parameter binding
 * ({@code preflight.families.binding}: path, query, form and JSON, valid and invalid) and the small "api"
 * family ({@code preflight.families.api}: background work started by a request). Every journey takes a
 * fresh {@code #{seq}} and the next row of the family's feeder, logs in when {@code preflight.login} names
 * the family, then sends every request in order with the family's {@code headers} under its own.
 */
public final class RequestFamily {

  private static final String BINDING = "binding";

  private final String name;
  private final List<Endpoint> requests;
  private final Optional<String> feeder;
  private final Load load;
  /** The requests generated from preflight.openapi, to be written into the run folder. */
  private final Optional<OpenApiFamily.Generated> generated;
  private final Optional<Login> login;

  private RequestFamily(String name, List<Endpoint> requests, Optional<String> feeder, Load load,
      Optional<OpenApiFamily.Generated> generated, Optional<Login> login) {
    this.name = name;
    this.requests = requests;
    this.feeder = feeder;
    this.load = load;
    this.generated = generated;
    this.login = login;
  }

  static Optional<RequestFamily> from(PreflightConfig config, String family, Profile profile, Skips skips,
      Optional<Login> login) {
    String at = "preflight.families." + family + ".";
    if (!config.bool(at + "enabled")) {
      skips.family(family, at + "enabled is false");
      return Optional.empty();
    }
    Map<String, String> familyHeaders = config.stringMap(at + "headers");
    Optional<Login> used = login.filter(l -> l.logsIn(family));
    if (BINDING.equals(family) && config.hasNonBlankValue(OpenApiFamily.KEY)) {
      OpenApiFamily.Generated generated = OpenApiFamily.read(config);
      List<Endpoint> requests = withHeaders(generated.requests(), familyHeaders);
      refuseTokenMisuse(at, requests, family, used);
      return Optional.of(new RequestFamily(family, requests, Optional.empty(), Load.from(config, family, profile),
          Optional.of(generated), used));
    }
    if (!config.hasNonBlankValue(at + "requests")) {
      skips.family(family, at + "requests is not set");
      return Optional.empty();
    }
    List<Endpoint> requests = withHeaders(config.objectList(at + "requests", Endpoint.KEYS).stream()
        .map(Endpoint::from).toList(), familyHeaders);
    if (requests.isEmpty()) {
      skips.family(family, at + "requests is empty");
      return Optional.empty();
    }
    refuseTokenMisuse(at, requests, family, used);
    Optional<String> feeder = config.hasNonBlankValue(at + "feeder") ? Optional.of(config.string(at + "feeder")) : Optional.empty();
    feeder.ifPresent(file -> {
      if (RequestFamily.class.getClassLoader().getResource(file) == null) {
        throw new ConfigProblem("Configuration key '" + at + "feeder' names '" + file
            + "', which is not on the test classpath: put the CSV under src/test/resources.");
      }
    });
    return Optional.of(new RequestFamily(family, requests, feeder, Load.from(config, family, profile),
        Optional.empty(), used));
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

  /** The family; requests generated from an OpenAPI document are written into {@code runDir} first. */
  Family family(java.nio.file.Path runDir) {
    generated.ifPresent(g -> g.write(runDir));
    return family();
  }

  Family family() {
    ChainBuilder fed = feed(new RunSequence());
    if (feeder.isPresent()) {
      fed = fed.feed(csv(feeder.get()).circular());
    }
    if (login.isPresent()) {
      fed = fed.exec(login.get().chain());
    }
    ChainBuilder journey = fed.exec(EndpointRequests.all(requests));
    return new Family(name, journey, journey, load, List.of());
  }
}
