package io.ginpreflight.families;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import io.ginpreflight.config.ConfigProblem;
import io.ginpreflight.config.PreflightConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code preflight.families} and {@code preflight.profile} settings, read from the same layers as
 * {@link PreflightConfig} (system properties over the user file over {@code preflight.conf}). It keeps the
 * merged {@link Config} because endpoints are lists of objects, which {@code PreflightConfig} does not
 * expose. Every read names the key in its error. Immutable.
 */
public final class FamilyConfig {

  private final Config config;
  /** Where this object sits, for messages: empty at the root, else e.g. "preflight.families.binding.requests[2]". */
  private final String where;

  private FamilyConfig(Config config, String where) {
    this.config = config;
    this.where = where;
  }

  /** Validates the whole configuration first (unknown keys are refused there), then keeps it. */
  public static FamilyConfig load() {
    return new FamilyConfig(PreflightConfig.load().merged(), "");
  }

  /** For tests: the given settings over the defaults. */
  public static FamilyConfig of(Config overrides) {
    return new FamilyConfig(overrides.withFallback(ConfigFactory.parseResources("preflight.conf")).resolve(), "");
  }

  /** The full name of a key, as the user would write it. */
  String name(String key) {
    return where.isEmpty() ? key : where + "." + key;
  }

  public Profile profile() {
    return Profile.from(string("preflight.profile"));
  }

  boolean isSet(String key) {
    return config.hasPath(key) && !(config.getValue(key).valueType() == ConfigValueType.STRING
        && config.getString(key).isBlank());
  }

  String string(String key) {
    try {
      return config.getString(key);
    } catch (ConfigException.Missing e) {
      throw new ConfigProblem("Configuration key '" + name(key) + "' is not set; it needs a value.");
    } catch (ConfigException.WrongType e) {
      throw invalid(key, "expected a string");
    }
  }

  boolean bool(String key) {
    try {
      return config.getBoolean(key);
    } catch (ConfigException e) {
      throw invalid(key, "expected true or false");
    }
  }

  int positiveInt(String key) {
    try {
      int value = config.getInt(key);
      if (value < 1) {
        throw invalid(key, "expected a whole number of at least 1");
      }
      return value;
    } catch (ConfigException e) {
      throw invalid(key, "expected a whole number of at least 1");
    }
  }

  int nonNegativeInt(String key) {
    try {
      int value = config.getInt(key);
      if (value < 0) {
        throw invalid(key, "expected a whole number of zero or more");
      }
      return value;
    } catch (ConfigException e) {
      throw invalid(key, "expected a whole number of zero or more");
    }
  }

  double positiveDouble(String key) {
    try {
      double value = config.getDouble(key);
      if (!(value > 0)) {
        throw invalid(key, "expected a number above zero");
      }
      return value;
    } catch (ConfigException e) {
      throw invalid(key, "expected a number above zero");
    }
  }

  long bytes(String key) {
    try {
      long value = config.getBytes(key);
      if (value < 1) {
        throw invalid(key, "expected a size of at least 1 byte");
      }
      return value;
    } catch (ConfigException e) {
      throw invalid(key, "expected a size such as 1KiB, 33MiB or 1048576");
    }
  }

  List<Long> byteList(String key) {
    try {
      List<Long> sizes = config.getBytesList(key);
      if (sizes.stream().anyMatch(s -> s < 1)) {
        throw invalid(key, "every size must be at least 1 byte");
      }
      return List.copyOf(sizes);
    } catch (ConfigException e) {
      throw invalid(key, "expected a list of sizes such as [1KiB, 33MiB]");
    }
  }

  Duration duration(String key) {
    try {
      Duration value = config.getDuration(key);
      if (value.isNegative() || value.isZero()) {
        throw invalid(key, "a duration must be above zero");
      }
      return value;
    } catch (ConfigException e) {
      throw invalid(key, "expected a duration such as 250ms, 10s or 2m");
    }
  }

  /** One or more HTTP status codes: {@code 200} or {@code [200, 204]}. */
  List<Integer> statuses(String key) {
    try {
      List<Integer> codes = config.getValue(key).valueType() == ConfigValueType.LIST
          ? config.getIntList(key) : List.of(config.getInt(key));
      if (codes.isEmpty() || codes.stream().anyMatch(c -> c < 100 || c > 599)) {
        throw invalid(key, "expected an HTTP status such as 200, or a list such as [200, 204]");
      }
      return List.copyOf(codes);
    } catch (ConfigException e) {
      throw invalid(key, "expected an HTTP status such as 200, or a list such as [200, 204]");
    }
  }

  /** A list of objects, each refused if it has a key outside {@code allowed}. */
  List<FamilyConfig> objectList(String key, Set<String> allowed) {
    List<? extends Config> entries;
    try {
      entries = config.getConfigList(key);
    } catch (ConfigException e) {
      throw invalid(key, "expected a list of objects such as [{ name = \"...\", path = \"/...\" }]");
    }
    List<FamilyConfig> result = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Config entry = entries.get(i);
      for (String given : entry.root().keySet()) {
        if (!allowed.contains(given)) {
          throw new ConfigProblem("Unknown key '" + given + "' in entry " + (i + 1) + " of '" + name(key)
              + "'; known keys are: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
        }
      }
      result.add(new FamilyConfig(entry, name(key) + "[" + i + "]"));
    }
    return result;
  }

  /** The string values of an object, e.g. form fields; keys are the user's own names. */
  java.util.Map<String, String> stringMap(String key) {
    java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
    try {
      config.getConfig(key).root().forEach((name, value) -> map.put(name, String.valueOf(value.unwrapped())));
    } catch (ConfigException e) {
      throw invalid(key, "expected an object of field = value");
    }
    return map;
  }

  private ConfigProblem invalid(String key, String allowed) {
    Object given = config.hasPath(key) ? config.getValue(key).unwrapped() : "(not set)";
    return new ConfigProblem("Configuration key '" + name(key) + "' has invalid value '" + given + "': " + allowed + ".");
  }
}
