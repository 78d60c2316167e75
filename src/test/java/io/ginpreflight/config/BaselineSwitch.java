package io.ginpreflight.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;

/**
 * Lets {@code -Dpreflight.baseline=off} (or {@code on}) stand for {@code preflight.baseline.judge}: the
 * short form a nightly job's one-off run is most likely to type. HOCON cannot hold both a string and an
 * object at one key, so the string is turned into the object here, before unknown keys are refused.
 */
final class BaselineSwitch {

  private static final String KEY = "preflight.baseline";

  private BaselineSwitch() {}

  /**
   * {@code -Dpreflight.baseline=off} beside another {@code -Dpreflight.baseline.*} key: Typesafe Config
   * builds the system properties into one object, where the object wins and the short form would be
   * dropped silently; read it from the property itself.
   */
  static Config withSystemProperty(Config systemProperties, String shortForm) {
    if (shortForm == null || !systemProperties.hasPath(KEY)
        || systemProperties.getValue(KEY).valueType() != ConfigValueType.OBJECT) {
      return systemProperties;
    }
    return ConfigFactory.parseString(KEY + ".judge = " + checked(shortForm.trim())).withFallback(systemProperties);
  }

  private static String checked(String value) {
    if (!value.equals("off") && !value.equals("on")) {
      throw new ConfigProblem("Configuration key '" + KEY + "' has invalid value '" + value + "': expected off, on, "
          + "or settings such as " + KEY + ".runs = 7.");
    }
    return value;
  }

  static Config normalise(Config merged, Config defaults) {
    if (!merged.hasPath(KEY) || merged.getValue(KEY).valueType() != ConfigValueType.STRING) {
      return merged;
    }
    String value = checked(merged.getString(KEY).trim());
    return ConfigFactory.parseString(KEY + ".judge = " + value)
        .withFallback(merged.withoutPath(KEY)).withFallback(defaults).resolve();
  }
}
