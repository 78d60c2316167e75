package io.ginpreflight.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The project's settings: {@code preflight.conf} on the classpath, under an optional user file named by
 * {@code -Dpreflight.config}, under {@code -D} system properties. Every read is validated here so that a
 * bad value fails before any load is sent, with a sentence naming the key.
 */
public final class PreflightConfig {

  private static final String DEFAULTS_RESOURCE = "preflight.conf";
  private static final String USER_FILE_PROPERTY = "preflight.config";
  /** The roots this project owns; keys under them must be known. Other roots belong to the JVM. */
  private static final Set<String> OWNED_ROOTS = Set.of("preflight", "lab");
  /** Subtrees whose keys are the user's own names (environment variables, labels, endpoints). */
  private static final Set<String> OPEN_SUBTREES = Set.of("preflight.target.env", "preflight.pushgateway.grouping", "lab.args");

  private final Config config;

  private PreflightConfig(Config config) {
    this.config = config;
  }

  /** Loads the effective configuration of this JVM and refuses unknown keys. */
  public static PreflightConfig load() {
    return from(ConfigFactory.systemProperties(), userFile());
  }

  /** Loads from explicit overrides, for tests; {@code overrides} wins over the user file. */
  public static PreflightConfig from(Config overrides, Optional<Path> userFile) {
    Config defaults = ConfigFactory.parseResources(DEFAULTS_RESOURCE);
    if (defaults.isEmpty()) {
      throw new ConfigProblem("The defaults file '" + DEFAULTS_RESOURCE
          + "' is missing from the test classpath: run from the project directory with Maven.");
    }
    Config user = userFile.map(PreflightConfig::parseUserFile).orElse(ConfigFactory.empty());
    Config merged;
    try {
      merged = overrides.withFallback(user).withFallback(defaults).resolve();
    } catch (ConfigException e) {
      throw new ConfigProblem("Configuration cannot be read: " + e.getMessage());
    }
    KnownKeys.refuseUnknown(merged, defaults, OWNED_ROOTS, OPEN_SUBTREES);
    return new PreflightConfig(merged);
  }

  private static Optional<Path> userFile() {
    return Optional.ofNullable(System.getProperty(USER_FILE_PROPERTY)).map(Path::of);
  }

  private static Config parseUserFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw ConfigProblem.invalid(USER_FILE_PROPERTY, file, "no such file; give the path of a HOCON file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile());
    } catch (ConfigException e) {
      throw new ConfigProblem("Configuration file '" + file + "' cannot be parsed: " + e.getMessage());
    }
  }

  /**
   * The validated, merged settings, for readers of structures this class has no typed read for (the
   * endpoint families' lists of request objects).
   */
  public Config merged() {
    return config;
  }

  public boolean hasValue(String key) {
    return config.hasPath(key);
  }

  // ---- typed, validated reads -------------------------------------------------------------------

  public Optional<String> optionalUrl(String key) {
    if (!config.hasPath(key) || config.getIsNull(key)) {
      return Optional.empty();
    }
    String value = string(key).trim();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw ConfigProblem.invalid(key, value, "expected an http:// or https:// URL with a host");
      }
    } catch (java.net.URISyntaxException e) {
      throw ConfigProblem.invalid(key, value, "expected an http:// or https:// URL (" + e.getReason() + ")");
    }
    return Optional.of(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
  }

  public String string(String key) {
    try {
      return config.getString(key);
    } catch (ConfigException.Missing e) {
      throw new ConfigProblem("Configuration key '" + key + "' is not set; it needs a value.");
    } catch (ConfigException.WrongType e) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(), "expected a string");
    }
  }

  public boolean bool(String key) {
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(), "expected true or false");
    }
  }

  public long nonNegativeBytes(String key) {
    long bytes;
    try {
      bytes = config.getBytes(key);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(),
          "expected a size such as 4MiB, 512KiB or 1048576");
    }
    if (bytes < 0) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(), "a size cannot be negative");
    }
    return bytes;
  }

  /** A size, or {@code off} (the check is not run). */
  public java.util.OptionalLong bytesOrOff(String key) {
    if (isOff(key)) {
      return java.util.OptionalLong.empty();
    }
    try {
      return java.util.OptionalLong.of(nonNegativeBytes(key));
    } catch (ConfigProblem e) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(),
          "expected a size of zero or more such as 4MiB, 512KiB or 1048576, or off");
    }
  }

  /** A whole number, or {@code off} (the check is not run). */
  public java.util.OptionalLong countOrOff(String key) {
    if (isOff(key)) {
      return java.util.OptionalLong.empty();
    }
    try {
      return java.util.OptionalLong.of(nonNegativeLong(key));
    } catch (ConfigProblem e) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(), "expected a whole number of zero or more, or off");
    }
  }

  private boolean isOff(String key) {
    return config.hasPath(key) && config.getValue(key).valueType() == ConfigValueType.STRING
        && "off".equals(config.getString(key).trim());
  }

  public double nonNegativeDouble(String key) {
    double value;
    try {
      value = config.getDouble(key);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(), "expected a number");
    }
    if (value < 0 || Double.isNaN(value)) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(), "expected zero or more");
    }
    return value;
  }

  public String oneOf(String key, String... allowed) {
    String value = string(key).trim();
    for (String candidate : allowed) {
      if (candidate.equals(value)) {
        return value;
      }
    }
    throw ConfigProblem.invalid(key, value, "expected one of " + String.join(", ", allowed));
  }

  public long nonNegativeLong(String key) {
    long value;
    try {
      value = config.getLong(key);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(), "expected a whole number");
    }
    if (value < 0) {
      throw ConfigProblem.invalid(key, value, "expected zero or more");
    }
    return value;
  }

  public int positiveInt(String key) {
    long value = nonNegativeLong(key);
    if (value == 0 || value > Integer.MAX_VALUE) {
      throw ConfigProblem.invalid(key, value, "expected a whole number of at least 1");
    }
    return (int) value;
  }

  public Duration positiveDuration(String key) {
    Duration value;
    try {
      value = config.getDuration(key);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(),
          "expected a duration such as 250ms, 10s or 2m");
    }
    if (value.isNegative() || value.isZero()) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(), "a duration must be above zero");
    }
    return value;
  }

  // ---- lists and maps (preflight.target.command, preflight.target.env) ----------------------------

  /** Whether the key holds a HOCON list rather than a single value. */
  public boolean isList(String key) {
    return config.hasPath(key) && config.getValue(key).valueType() == ConfigValueType.LIST;
  }

  public List<String> stringList(String key) {
    try {
      return List.copyOf(config.getStringList(key));
    } catch (ConfigException.WrongType e) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(), "expected a list of strings");
    }
  }

  /** The user's own names and their values, such as environment variables; empty when unset. */
  public Map<String, String> stringMap(String key) {
    if (!config.hasPath(key)) {
      return Map.of();
    }
    ConfigObject object;
    try {
      object = config.getObject(key);
    } catch (ConfigException.WrongType e) {
      throw ConfigProblem.invalid(key, config.getValue(key).unwrapped(), "expected an object of names and values");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      ConfigValueType type = entry.getValue().valueType();
      if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST) {
        throw ConfigProblem.invalid(key + "." + entry.getKey(), entry.getValue().unwrapped(),
            "expected a single value (quote a name that contains dots)");
      }
      values.put(entry.getKey(), type == ConfigValueType.NULL ? "" : String.valueOf(entry.getValue().unwrapped()));
    }
    return Map.copyOf(values);
  }
}
