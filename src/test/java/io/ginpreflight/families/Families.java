package io.ginpreflight.families;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.ginpreflight.CannotStart;
import io.ginpreflight.Phase;
import io.ginpreflight.PreflightRun;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The endpoint families a simulation runs, read from {@code preflight.families} before the run starts (so
 * a bad setting costs no lab start): uploads, binding, long connections and api. A family that is not
 * configured is skipped with a line saying so; a simulation left with none ends with one sentence.
 *
 * <pre>{@code
 * Families families = Families.load(Families.UPLOADS);
 * PreflightRun run = PreflightRun.start(getClass());
 * Preflight preflight = Preflight.phases(families.uploads(run));
 * }</pre>
 */
public final class Families {

  public static final String UPLOADS = UploadFamily.NAME;
  public static final String BINDING = "binding";
  public static final String LONG_CONNECTIONS = LongConnectionFamily.NAME;
  public static final String API = "api";

  private final Profile profile;
  private final Optional<UploadFamily> uploads;
  private final Optional<RequestFamily> binding;
  private final Optional<LongConnectionFamily> longConnections;
  private final Optional<RequestFamily> api;
  private final List<String> skipped;

  private Families(Profile profile, Optional<UploadFamily> uploads, Optional<RequestFamily> binding,
      Optional<LongConnectionFamily> longConnections, Optional<RequestFamily> api, List<String> skipped) {
    this.profile = profile;
    this.uploads = uploads;
    this.binding = binding;
    this.longConnections = longConnections;
    this.api = api;
    this.skipped = skipped;
  }

  /** The named families in the profile of {@code preflight.profile}. */
  public static Families load(String... names) {
    return exitOnProblem(() -> read(PreflightConfig.load(), Optional.empty(), Set.of(names)));
  }

  /** The named families in the nightly profile, whatever {@code preflight.profile} says. */
  public static Families loadNightly(String... names) {
    return exitOnProblem(() -> read(PreflightConfig.load(), Optional.of(Profile.NIGHTLY), Set.of(names)));
  }

  static Families read(PreflightConfig config, Optional<Profile> forced, Set<String> names) {
    Profile profile = forced.orElseGet(() -> Profile.from(config.string("preflight.profile")));
    Skips skips = new Skips();
    Optional<UploadFamily> uploads = names.contains(UPLOADS)
        ? UploadFamily.from(config, profile, skips) : Optional.empty();
    Optional<RequestFamily> binding = names.contains(BINDING)
        ? RequestFamily.from(config, BINDING, profile, skips) : Optional.empty();
    Optional<LongConnectionFamily> longConnections = names.contains(LONG_CONNECTIONS)
        ? LongConnectionFamily.from(config, profile, skips) : Optional.empty();
    Optional<RequestFamily> api = names.contains(API)
        ? RequestFamily.from(config, API, profile, skips) : Optional.empty();
    if (uploads.isEmpty() && binding.isEmpty() && longConnections.isEmpty() && api.isEmpty()) {
      throw new ConfigProblem("No endpoint family is left to run (" + String.join("; ", skips.lines())
          + "): configure at least one under preflight.families, see docs/targeting-your-service.md.");
    }
    return new Families(profile, uploads, binding, longConnections, api, skips.lines());
  }

  private static Families exitOnProblem(java.util.function.Supplier<Families> read) {
    try {
      return read.get();
    } catch (ConfigProblem e) {
      throw CannotStart.exit(e);
    }
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

  public List<Phase> uploads(PreflightRun run) {
    return uploads.map(f -> f.family(run.target().baseUrl()).phases()).orElse(List.of());
  }

  public List<Phase> binding(PreflightRun run) {
    return binding.map(f -> f.family().phases()).orElse(List.of());
  }

  public List<Phase> longConnections(PreflightRun run) {
    return longConnections.map(f -> f.family(run.target().baseUrl()).phases()).orElse(List.of());
  }

  public List<Phase> api(PreflightRun run) {
    return api.map(f -> f.family().phases()).orElse(List.of());
  }

  /** Several families' phases one after the other. */
  @SafeVarargs
  public static List<Phase> inSequence(List<Phase>... families) {
    List<Phase> all = new ArrayList<>();
    for (List<Phase> family : families) {
      all.addAll(family);
    }
    return all;
  }
}
