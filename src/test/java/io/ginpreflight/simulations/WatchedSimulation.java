package io.ginpreflight.simulations;

import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.ginpreflight.CannotStart;
import io.ginpreflight.Preflight;
import io.ginpreflight.PreflightRun;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.LabSettings;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.families.Families;
import io.ginpreflight.families.Profile;
import io.ginpreflight.plan.RunPlan;
import io.ginpreflight.target.TargetStartFailure;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The wiring every simulation here shares, so that each one only says what it runs. In order: the
 * configuration is read once; the endpoint families are read from it before the target starts, so a bad
 * family setting costs no lab start; the run starts or finds the target; the phases are probed and
 * judged; and the run is closed after Gatling's last user. A setting or target that cannot work ends the
 * JVM before any load with one sentence ({@link CannotStart}). The run lays out its plan from the phases
 * once; the populations and the assertions are both built from it.
 *
 * <pre>{@code
 * public class UploadSimulation extends WatchedSimulation {
 *   public UploadSimulation() {
 *     super(quickOrNightly(Families.UPLOADS));
 *   }
 * }
 * }</pre>
 */
public abstract class WatchedSimulation extends Simulation {

  /** Which endpoint families run, in which order, in which profile (empty: {@code preflight.profile}). */
  protected record FamilyChoice(Optional<Profile> profile, List<String> families) {}

  /** What the simulation sends: its phases and the protocol, built once the run knows its target. */
  private record Load(Preflight preflight, HttpProtocolBuilder protocol) {}

  private final PreflightRun run;

  /** Endpoint families from {@code preflight.families}, one after the other. */
  protected WatchedSimulation(FamilyChoice choice) {
    this(config -> {
      Families families = Families.read(config, choice.profile(), choice.families());
      return run -> new Load(Preflight.phases(families.phases(run)), families.protocol(run));
    }, config -> choice.profile().map(Profile::key).orElse(config.string("preflight.profile")), Optional.empty());
  }

  /** Hand-written phases, sent with the run's HTTP protocol; their profile, for the history, is "custom". */
  protected WatchedSimulation(Preflight preflight) {
    this(config -> run -> new Load(preflight, run.http()), config -> "custom", Optional.empty());
  }

  /**
   * Hand-written phases that send requests to gin-lab's own paths: refused before any target starts unless
   * gin-lab's configuration is in effect, so that no other service is ever sent them.
   */
  protected WatchedSimulation(GinLabPaths lab) {
    this(config -> run -> new Load(lab.preflight(), run.http()), config -> "custom", Optional.of(lab));
  }

  /** Phases written for gin-lab, and the paths they send to, for the sentence that refuses another target. */
  protected record GinLabPaths(Preflight preflight, String paths) {}

  private WatchedSimulation(Function<PreflightConfig, Function<PreflightRun, Load>> readLoad,
      Function<PreflightConfig, String> profile, Optional<GinLabPaths> ginLabOnly) {
    Function<PreflightRun, Load> load;
    PreflightRun opened;
    try {
      PreflightConfig config = PreflightConfig.load();
      if (ginLabOnly.isPresent() && !LabSettings.describesTarget(config)) {
        throw new ConfigProblem(getClass().getSimpleName() + " sends its requests to gin-lab's own paths ("
            + ginLabOnly.get().paths() + "), and the target is not gin-lab (gin-lab.conf applies to the embedded lab "
            + "only): check your own service with -Dgatling.simulationClass=io.ginpreflight.simulations."
            + "SetupCheckSimulation, or, for a gin-lab you started, add "
            + "-Dpreflight.config=src/test/resources/gin-lab.conf.");
      }
      load = readLoad.apply(config);
      opened = PreflightRun.open(getClass().getSimpleName(), config, profile.apply(config));
    } catch (ConfigProblem | TargetStartFailure e) {
      throw CannotStart.exit(e);
    }
    run = opened;
    try {
      Load built = load.apply(run);
      RunPlan plan = run.plan(built.preflight());
      setUp(built.preflight().populations(run, plan))
          .protocols(built.protocol())
          .assertions(built.preflight().assertions(run, plan));
    } catch (ConfigProblem e) {
      // A setting only the started target can refute (the login tried once): stop it, then say why.
      run.close();
      throw CannotStart.exit(e);
    } catch (RuntimeException e) {
      // Gatling never calls after() on a simulation it could not build: stop the target here.
      run.close();
      throw e;
    }
  }

  /** The named families in the profile {@code -Dpreflight.profile} chooses (quick unless set). */
  protected static FamilyChoice quickOrNightly(String... families) {
    return new FamilyChoice(Optional.empty(), List.of(families));
  }

  /** The named families in the nightly profile, whatever {@code preflight.profile} says. */
  protected static FamilyChoice nightly(String... families) {
    return new FamilyChoice(Optional.of(Profile.NIGHTLY), List.of(families));
  }

  @Override
  public final void after() {
    run.close();
  }
}
