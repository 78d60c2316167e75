package io.ginpreflight.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run ran against and how: the history only compares runs of the same {@link #comparableKey()}.
 * The key is the target (gin-lab, the started command's program, or the service's URL), the simulation
 * and the load profile. A target's flags (gin-lab's {@code -leaks} and {@code lab.args}, a command's
 * flags) and its build are recorded but not part of the key: like a new commit, they are what a night
 * compares against the nights before, not a different service.
 *
 * @param target {@code gin-lab}; for a command its words up to the first flag (e.g.
 *     {@code go run ./cmd/api}); for an attached or remote service its base URL
 * @param targetFlags the rest: gin-lab's leaks and extra arguments, or the command's flags
 * @param profile {@code quick} or {@code nightly}; {@code custom} for hand-written phases
 * @param projectVersion Gin Preflight's version (pom.xml), so a change of the suite itself is visible
 * @param goVersion the target's Go version from client_golang's {@code go_info}; null when not offered
 * @param goModules the target's module versions (path to version) when its build info is offered; may be
 *     empty
 */
public record RunIdentity(TargetKind targetKind, String target, List<String> targetFlags, String simulation,
    String profile, String projectVersion, String goVersion, Map<String, String> goModules) {

  public RunIdentity {
    targetFlags = targetFlags == null ? List.of() : List.copyOf(targetFlags);
    goModules = goModules == null ? Map.of() : Map.copyOf(goModules);
  }

  /** Runs with equal keys are comparable: same target, same simulation, same profile. */
  public String comparableKey() {
    return (targetKind == null ? "unknown" : targetKind.label()) + " " + Objects.toString(target, "?") + " · "
        + Objects.toString(simulation, "?") + " · " + Objects.toString(profile, "?");
  }

  /** The same identity with the target's build filled in (e.g. by a reader of its build info). */
  public RunIdentity withBuild(String version, Map<String, String> modules) {
    return new RunIdentity(targetKind, target, targetFlags, simulation, profile, projectVersion, version, modules);
  }
}
