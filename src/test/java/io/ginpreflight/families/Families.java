package io.ginpreflight.families;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.ginpreflight.Phase;
import io.ginpreflight.PreflightRun;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.DistributionSettings;
import io.ginpreflight.config.PreflightConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint families a simulation runs, in its order, read from {@code preflight.families} of the
 * run's configuration before the run starts (so a bad setting costs no lab start): uploads, binding, long
 * connections and api. A family that is not configured is skipped with a line saying so; a simulation
 * left with none is refused with one sentence. Immutable.
 *
 * <pre>{@code
 * PreflightConfig config = PreflightConfig.load();
 * Families families = Families.read(config, Optional.empty(), List.of(Families.UPLOADS));
 * PreflightRun run = PreflightRun.open("UploadSimulation", config);
 * Preflight preflight = Preflight.phases(families.phases(run));
 * }</pre>
 */
public final class Families {

  private static final Logger LOG = LoggerFactory.getLogger(Families.class);

  public static final String UPLOADS = UploadFamily.NAME;
  public static final String BINDING = "binding";
  public static final String LONG_CONNECTIONS = LongConnectionFamily.NAME;
  public static final String API = "api";
  private static final List<String> ALL = List.of(UPLOADS, BINDING, LONG_CONNECTIONS, API);

  private final Profile profile;
  /** Each configured family, in the simulation's order; they need the run's target. */
  private final List<Function<PreflightRun, Family>> configured;
  private final List<String> skipped;
  /** The login the request families' virtual users send first, tried once before any load. */
  private final Optional<Login> login;
  /** What preflight.openapi gave, written into the run folder. */
  private final Optional<OpenApiFamily.Generated> document;

  private Families(Profile profile, List<Function<PreflightRun, Family>> configured, List<String> skipped,
      Optional<Login> login, Optional<OpenApiFamily.Generated> document) {
    this.profile = profile;
    this.configured = List.copyOf(configured);
    this.skipped = skipped;
    this.login = login;
    this.document = document;
  }

  /**
   * The named families, in this order, in the profile {@code forced} or else of {@code preflight.profile}.
   *
   * @throws ConfigProblem for a family setting that cannot work, or when every named family is skipped
   */
  public static Families read(PreflightConfig config, Optional<Profile> forced, List<String> names) {
    return read(config, forced, names, System::getenv, false);
  }

  /**
   * As {@link #read(PreflightConfig, Optional, List)}, but a configuration with no family left is read too
   * (the setup check lists what is missing instead of refusing).
   */
  public static Families readAllowingNone(PreflightConfig config, List<String> names) {
    return read(config, Optional.of(Profile.QUICK), names, System::getenv, true);
  }

  /** As {@link #read(PreflightConfig, Optional, List)}, the login's credentials read by {@code environment}. */
  static Families read(PreflightConfig config, Optional<Profile> forced, List<String> names,
      UnaryOperator<String> environment) {
    return read(config, forced, names, environment, false);
  }

  private static Families read(PreflightConfig config, Optional<Profile> forced, List<String> names,
      UnaryOperator<String> environment, boolean allowNone) {
    Profile profile = forced.isPresent() ? forced.get() : Profile.from(config.string("preflight.profile"));
    RunSequence.forRun(DistributionSettings.from(config));
    Skips skips = new Skips();
    Optional<Login> login = Login.from(config, environment).filter(l -> names.stream().anyMatch(l::logsIn));
    Optional<OpenApiFamily.Generated> document = OpenApiFamily.read(config);
    List<Function<PreflightRun, Family>> configured = new ArrayList<>();
    for (String name : names) {
      switch (name) {
        case UPLOADS -> UploadFamily.from(config, profile, skips, document.flatMap(OpenApiFamily.Generated::upload))
            .ifPresent(f -> configured.add(run -> f.family(run.target().baseUrl(), run.rawClients(),
                run.exchanges())));
        case BINDING, API -> RequestFamily.from(config, name, profile, skips, login, document)
            .ifPresent(f -> configured.add(run -> f.family(run.aloneStatus())));
        case LONG_CONNECTIONS -> LongConnectionFamily.from(config, profile, skips,
                document.map(OpenApiFamily.Generated::streams).orElse(List.of()))
            .ifPresent(f -> configured.add(run -> f.family(run.target().baseUrl(), run.rawClients(),
                run.exchanges())));
        default -> throw new IllegalArgumentException("There is no endpoint family \"" + name + "\"; the families "
            + "are " + String.join(", ", ALL) + ".");
      }
    }
    if (configured.isEmpty() && !allowNone) {
      throw new ConfigProblem("No endpoint family is left to run (" + String.join("; ", skips.lines())
          + "): configure at least one under preflight.families, see docs/targeting-your-service.md.");
    }
    return new Families(profile, configured, skips.lines(), login, document);
  }

  /** The console lines saying what was skipped and why. */
  public List<String> skipped() {
    return skipped;
  }

  public Profile profile() {
    return profile;
  }

  /** The run's HTTP protocol with the WebSocket base URL and a recognisable user agent. */
  public HttpProtocolBuilder protocol(PreflightRun run) {
    String base = run.target().baseUrl();
    return run.http()
        .wsBaseUrl(base.replaceFirst("^http", "ws"))
        .userAgentHeader("gin-preflight");
  }

  /**
   * Every configured family's phases against the run's target, one family after the other.
   *
   * @throws ConfigProblem when the configured login, tried once, does not answer a token
   */
  public List<Phase> phases(PreflightRun run) {
    List<Phase> all = new ArrayList<>();
    families(run).forEach(family -> all.addAll(family.phases()));
    return all;
  }

  /**
   * Every configured family against the run's target: its name and journeys, for a simulation that sends
   * them its own way (the setup check sends each journey once).
   *
   * @throws ConfigProblem when the configured login, tried once, does not answer a token
   */
  public List<Family> families(PreflightRun run) {
    document.ifPresent(d -> d.write(run.runDir()));
    login.ifPresent(l -> {
      LoginTrial.run(l, run.target().baseUrl());
      LOG.info("login: {} answered a token; every virtual user of {} logs in first", l.describe(),
          String.join(" and ", l.families()));
    });
    return configured.stream().map(family -> family.apply(run)).toList();
  }
}
