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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The project's settings: {@code preflight.conf} on the classpath (neutral defaults: no endpoint of anyone's),
 * under {@code gin-lab.conf} when the embedded lab is the target, under an optional user file named by
 * {@code -Dpreflight.config}, under {@code -D} system properties. Loaded once per run and read by
 * everything that needs a setting (target, probes, limits, reports, endpoint families). Every read is
 * validated here so that a bad value fails before any load is sent, with one sentence naming the key.
 * Immutable.
 */
public final class PreflightConfig {

  private static final String DEFAULTS_RESOURCE = "preflight.conf";
  /** gin-lab's endpoints and knobs: a configuration of its own, so the defaults send nothing to its paths. */
  private static final String LAB_RESOURCE = "gin-lab.conf";
  private static final String TARGET_URL = "preflight.target.url";
  private static final String USER_FILE_PROPERTY = "preflight.config";
  /** The roots this project owns; keys under them must be known. Other roots belong to the JVM. */
  private static final Set<String> OWNED_ROOTS = Set.of("preflight", "lab");
  /** Subtrees whose keys are the user's own names (environment variables, labels, endpoints). */
  private static final Set<String> OPEN_SUBTREES = Set.of("preflight.target.env", "preflight.pushgateway.grouping", "lab.args",
      // one endpoint object or a list of them: the long-connection family checks their keys itself
      "preflight.families.long-connections.sse", "preflight.families.long-connections.websocket",
      "preflight.families.long-connections.long-poll",
      "preflight.login.credentials-env", "preflight.families.binding.headers", "preflight.families.api.headers");

  private static final String WHOLE_NUMBER = "expected a whole number of zero or more";
  private static final String POSITIVE_WHOLE_NUMBER = "expected a whole number of at least 1";
  private static final String SIZE = "expected a size of zero or more such as 4MiB, 512KiB or 1048576";
  private static final String POSITIVE_SIZE = "expected a size of at least 1 byte such as 4MiB, 512KiB or 1048576";
  private static final String OR_OFF = ", or off";
  private static final String STATUSES = "expected an HTTP status such as 200, or a list such as [200, 204]";

  private final Config config;
  /** Where this view sits, for messages: empty at the root, else e.g. "preflight.families.api.requests[2]". */
  private final String where;

  private PreflightConfig(Config config, String where) {
    this.config = config;
    this.where = where;
  }

  /** Loads the effective configuration of this JVM and refuses unknown keys. */
  public static PreflightConfig load() {
    return from(BaselineSwitch.withSystemProperty(ConfigFactory.systemProperties(),
        System.getProperty("preflight.baseline")), userFile());
  }

  /**
   * Loads from explicit overrides, for tests; {@code overrides} wins over the user file. Under both lie the
   * neutral defaults, and, when no {@code preflight.target.url} is set (the suite starts the embedded lab),
   * gin-lab's own endpoints and knobs ({@value #LAB_RESOURCE}) between them.
   */
  public static PreflightConfig from(Config overrides, Optional<Path> userFile) {
    Config defaults = resource(DEFAULTS_RESOURCE);
    Config lab = resource(LAB_RESOURCE);
    Config user = userFile.map(PreflightConfig::parseUserFile).orElse(ConfigFactory.empty());
    Config merged;
    Config fallback = defaults;
    try {
      merged = overrides.withFallback(user).withFallback(defaults).resolve();
      if (!hasUrl(merged, TARGET_URL)) {
        fallback = lab.withFallback(defaults);
        merged = overrides.withFallback(user).withFallback(fallback).resolve();
      }
    } catch (ConfigException e) {
      throw new ConfigProblem("Configuration cannot be read: " + e.getMessage());
    }
    merged = BaselineSwitch.normalise(merged, fallback);
    KnownKeys.refuseUnknown(merged, lab.withFallback(defaults), OWNED_ROOTS, OPEN_SUBTREES);
    return new PreflightConfig(merged, "");
  }

  private static Config resource(String name) {
    Config config = ConfigFactory.parseResources(name);
    if (config.isEmpty()) {
      throw new ConfigProblem("The defaults file '" + name
          + "' is missing from the test classpath: run from the project directory with Maven.");
    }
    return config;
  }

  /** As {@link #optionalUrl}: null and blank are unset. */
  private static boolean hasUrl(Config config, String key) {
    return config.hasPath(key) && !(config.getValue(key).valueType() == ConfigValueType.STRING
        && config.getString(key).isBlank());
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

  /** The full name of a key, as the user would write it: in a list entry, with the list and its index. */
  public String name(String key) {
    return where.isEmpty() ? key : where + "." + key;
  }

  /** Whether the key has a value other than null; a blank string counts (and may be refused later). */
  public boolean hasValue(String key) {
    return config.hasPath(key);
  }

  /** Whether the key has a value other than null or a blank string: {@code ""} switches an optional endpoint off. */
  public boolean hasNonBlankValue(String key) {
    return config.hasPath(key) && !(config.getValue(key).valueType() == ConfigValueType.STRING
        && config.getString(key).isBlank());
  }

  // ---- typed, validated reads: a key that is not set, or set to the wrong kind of value, is refused ----

  public String string(String key) {
    return read(key, "expected a string", config::getString);
  }

  public boolean bool(String key) {
    return read(key, "expected true or false", config::getBoolean);
  }

  public String oneOf(String key, String... allowed) {
    String value = string(key).trim();
    for (String candidate : allowed) {
      if (candidate.equals(value)) {
        return value;
      }
    }
    throw ConfigProblem.invalid(name(key), value, "expected one of " + String.join(", ", allowed));
  }

  public long nonNegativeLong(String key) {
    return read(key, WHOLE_NUMBER, config::getLong, value -> value >= 0);
  }

  public int nonNegativeInt(String key) {
    return read(key, WHOLE_NUMBER, config::getInt, value -> value >= 0);
  }

  public int positiveInt(String key) {
    return read(key, POSITIVE_WHOLE_NUMBER, config::getInt, value -> value >= 1);
  }

  public double nonNegativeDouble(String key) {
    return read(key, "expected a number of zero or more", config::getDouble, value -> value >= 0);
  }

  public double positiveDouble(String key) {
    return read(key, "expected a number above zero", config::getDouble, value -> value > 0);
  }

  public long nonNegativeBytes(String key) {
    return read(key, SIZE, config::getBytes, value -> value >= 0);
  }

  public long positiveBytes(String key) {
    return read(key, POSITIVE_SIZE, config::getBytes, value -> value >= 1);
  }

  public List<Long> positiveBytesList(String key) {
    return List.copyOf(read(key, "expected a list of sizes of at least 1 byte such as [1KiB, 33MiB]",
        config::getBytesList, sizes -> sizes.stream().allMatch(size -> size >= 1)));
  }

  /** A size, or {@code off} (the check is not run). */
  public OptionalLong bytesOrOff(String key) {
    return isOff(key) ? OptionalLong.empty()
        : OptionalLong.of(read(key, SIZE + OR_OFF, config::getBytes, value -> value >= 0));
  }

  /** A whole number, or {@code off} (the check is not run). */
  public OptionalLong countOrOff(String key) {
    return isOff(key) ? OptionalLong.empty()
        : OptionalLong.of(read(key, WHOLE_NUMBER + OR_OFF, config::getLong, value -> value >= 0));
  }

  private boolean isOff(String key) {
    return config.hasPath(key) && config.getValue(key).valueType() == ConfigValueType.STRING
        && "off".equals(config.getString(key).trim());
  }

  public Duration positiveDuration(String key) {
    Duration value = read(key, "expected a duration such as 250ms, 10s or 2m", config::getDuration);
    if (value.isNegative() || value.isZero()) {
      throw invalid(key, "a duration must be above zero");
    }
    return value;
  }

  /** A duration of zero or more, or {@code off}: empty. */
  public Optional<Duration> durationOrOff(String key) {
    if (isOff(key)) {
      return Optional.empty();
    }
    Duration value = read(key, "expected a duration such as 250ms, 10s or 2m, or off", config::getDuration);
    if (value.isNegative()) {
      throw invalid(key, "a duration cannot be negative");
    }
    return Optional.of(value);
  }

  /** One or more HTTP status codes: {@code 200} or {@code [200, 204]}. */
  public List<Integer> statuses(String key) {
    return List.copyOf(read(key, STATUSES,
        k -> config.getValue(k).valueType() == ConfigValueType.LIST ? config.getIntList(k) : List.of(config.getInt(k)),
        codes -> !codes.isEmpty() && codes.stream().allMatch(code -> code >= 100 && code <= 599)));
  }

  public Optional<String> optionalUrl(String key) {
    if (!hasNonBlankValue(key)) {
      return Optional.empty();
    }
    String value = string(key).trim();
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw ConfigProblem.invalid(name(key), value, "expected an http:// or https:// URL with a host");
      }
    } catch (java.net.URISyntaxException e) {
      throw ConfigProblem.invalid(name(key), value, "expected an http:// or https:// URL (" + e.getReason() + ")");
    }
    return Optional.of(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
  }

  // ---- lists and maps (preflight.target.command and env, endpoint lists, form fields, headers) --------

  /** Whether the key holds a HOCON list rather than a single value. */
  public boolean isList(String key) {
    return config.hasPath(key) && config.getValue(key).valueType() == ConfigValueType.LIST;
  }

  public List<String> stringList(String key) {
    return List.copyOf(read(key, "expected a list of strings", config::getStringList));
  }

  /** The user's own names and their values, such as environment variables or form fields; empty when unset. */
  public Map<String, String> stringMap(String key) {
    if (!config.hasPath(key)) {
      return Map.of();
    }
    ConfigObject object = read(key, "expected an object of names and values", config::getObject);
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      ConfigValueType type = entry.getValue().valueType();
      if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST) {
        throw ConfigProblem.invalid(name(key) + "." + entry.getKey(), entry.getValue().unwrapped(),
            "expected a single value (quote a name that contains dots)");
      }
      values.put(entry.getKey(), type == ConfigValueType.NULL ? "" : String.valueOf(entry.getValue().unwrapped()));
    }
    return Collections.unmodifiableMap(values);
  }

  /**
   * A list of objects, each read through a view of its own whose messages name the entry, e.g.
   * {@code preflight.families.api.requests[2].path}. An entry with a key outside {@code allowed} is refused.
   */
  public List<PreflightConfig> objectList(String key, Set<String> allowed) {
    List<? extends Config> entries = read(key,
        "expected a list of objects such as [{ name = \"...\", path = \"/...\" }]", config::getConfigList);
    List<PreflightConfig> views = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Config entry = entries.get(i);
      for (String given : entry.root().keySet()) {
        if (!allowed.contains(given)) {
          throw new ConfigProblem("Unknown key '" + given + "' in entry " + (i + 1) + " of '" + name(key)
              + "'; known keys are: " + String.join(", ", new TreeSet<>(allowed)) + ".");
        }
      }
      views.add(new PreflightConfig(entry, name(key) + "[" + i + "]"));
    }
    return views;
  }

  /** The keys set in this view, e.g. of one list entry. */
  public Set<String> keys() {
    return Collections.unmodifiableSet(new TreeSet<>(config.root().keySet()));
  }

  /** A view of one object whose messages name it, e.g. {@code preflight.families.long-connections.sse.path}. */
  public PreflightConfig object(String key) {
    return new PreflightConfig(read(key, "expected an object such as { path = \"/...\" }", config::getConfig), name(key));
  }

  /** A list of objects, each in a view of its own, without checking their keys: the caller refuses unknown ones. */
  public List<PreflightConfig> objects(String key) {
    List<? extends Config> entries = read(key,
        "expected a list of objects such as [{ name = \"...\", path = \"/...\" }]", config::getConfigList);
    List<PreflightConfig> views = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      views.add(new PreflightConfig(entries.get(i), name(key) + "[" + i + "]"));
    }
    return views;
  }

  /** Whether the key holds an object. */
  public boolean isObject(String key) {
    return config.hasPath(key) && config.getValue(key).valueType() == ConfigValueType.OBJECT;
  }

  // ---- one wording of each problem ------------------------------------------------------------------

  private <T> T read(String key, String expected, Function<String, T> get, Predicate<T> allowed) {
    T value = read(key, expected, get);
    if (!allowed.test(value)) {
      throw invalid(key, expected);
    }
    return value;
  }

  private <T> T read(String key, String expected, Function<String, T> get) {
    if (!config.hasPath(key)) {
      throw new ConfigProblem("Configuration key '" + name(key) + "' is not set; it needs a value.");
    }
    try {
      return get.apply(key);
    } catch (ConfigException e) {
      throw invalid(key, expected);
    }
  }

  private ConfigProblem invalid(String key, String expected) {
    return ConfigProblem.invalid(name(key), config.getValue(key).unwrapped(), expected);
  }
}
