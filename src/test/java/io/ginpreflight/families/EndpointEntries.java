package io.ginpreflight.families;

import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entries of one long-connection endpoint key, which holds one object ({@code sse { path = ... }},
 * the form every config had before lists) or a list of them ({@code sse = [{ name = ..., path = ... }]}).
 * Each entry's keys are checked here, since both forms are open to KnownKeys. An entry whose path is
 * blank or absent switches the endpoint off, as {@code sse.path = ""} always has.
 */
final class EndpointEntries {

  private EndpointEntries() {}

  /** The entries with a path; empty when the key is unset, blank, or every path is blank. */
  static List<PreflightConfig> read(PreflightConfig config, String key, Set<String> allowed) {
    if (!config.hasNonBlankValue(key)) {
      return List.of();
    }
    List<PreflightConfig> entries = config.isList(key) ? config.objects(key) : List.of(config.object(key));
    List<PreflightConfig> withPath = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (PreflightConfig entry : entries) {
      for (String given : entry.keys()) {
        if (!allowed.contains(given)) {
          throw new ConfigProblem("Unknown key '" + entry.name(given) + "'; the keys of an endpoint here are: "
              + String.join(", ", new TreeSet<>(allowed)) + ".");
        }
      }
      if (entry.hasNonBlankValue("path")) {
        withPath.add(entry);
      }
    }
    for (PreflightConfig entry : withPath) {
      String path = entry.string("path");
      if (!path.startsWith("/")) {
        throw new ConfigProblem("Configuration key '" + entry.name("path") + "' has invalid value '" + path
            + "': expected a path starting with / (the base URL comes from preflight.target.url).");
      }
      if (entry.hasValue("name") && !names.add(entry.string("name"))) {
        throw new ConfigProblem("Two endpoints under '" + key + "' are named '" + entry.string("name")
            + "' (" + entry.name("name") + "): give each its own name, the hold phase and the report use them.");
      }
    }
    return withPath;
  }

  /** The entry's name, or {@code fallback} (the single-object form has none). */
  static String name(PreflightConfig entry, String fallback) {
    return entry.hasNonBlankValue("name") ? entry.string("name") : fallback;
  }

  static int weight(PreflightConfig entry) {
    return entry.hasValue("weight") ? entry.positiveInt("weight") : 1;
  }

  static Duration duration(PreflightConfig entry, String key, Duration fallback) {
    return entry.hasValue(key) ? entry.positiveDuration(key) : fallback;
  }
}
