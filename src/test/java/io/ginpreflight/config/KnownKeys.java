package io.ginpreflight.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses keys the defaults file does not know under the roots this project owns: a mistyped
 * {@code -Dpreflight.limits.heap-groth} must stop the run, not be ignored while the default applies.
 */
final class KnownKeys {

  private KnownKeys() {}

  static void refuseUnknown(Config merged, Config defaults, Set<String> ownedRoots, Set<String> openSubtrees) {
    Set<String> known = new TreeSet<>();
    collectLeafPaths(defaults.root(), "", known, openSubtrees);
    for (String root : ownedRoots) {
      if (!merged.hasPathOrNull(root)) {
        continue;
      }
      Set<String> given = new TreeSet<>();
      collectLeafPaths(merged.getObject(root), root, given, openSubtrees);
      for (String key : given) {
        if (!known.contains(key) && openSubtrees.stream().noneMatch(key::startsWith)) {
          throw new ConfigProblem("Unknown configuration key '" + key + "'; known keys are: "
              + String.join(", ", siblings(known, key)) + ".");
        }
      }
    }
  }

  private static void collectLeafPaths(ConfigObject object, String prefix, Set<String> into,
      Set<String> openSubtrees) {
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
      if (entry.getValue().valueType() == ConfigValueType.OBJECT
          && openSubtrees.stream().noneMatch(path::equals)) {
        collectLeafPaths((ConfigObject) entry.getValue(), path, into, openSubtrees);
      } else {
        into.add(path);
      }
    }
  }

  /** The known keys that share the longest prefix with a mistyped one: the ones the user meant. */
  private static Set<String> siblings(Set<String> known, String key) {
    String parent = key;
    while (parent.contains(".")) {
      parent = parent.substring(0, parent.lastIndexOf('.'));
      String prefix = parent + ".";
      Set<String> matches = new TreeSet<>();
      known.stream().filter(k -> k.startsWith(prefix)).forEach(matches::add);
      if (!matches.isEmpty()) {
        return matches;
      }
    }
    return known;
  }
}
