package io.ginpreflight.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BaselineSwitchTest {

  @Test
  void theShortFormBesideAnotherBaselineKeyIsNotDroppedFromTheSystemProperties() {
    // GIVEN -Dpreflight.baseline=off and -Dpreflight.baseline.min-runs=2, as Typesafe Config reads them
    Properties properties = new Properties();
    properties.setProperty("preflight.baseline", "off");
    properties.setProperty("preflight.baseline.min-runs", "2");
    var systemProperties = ConfigFactory.parseProperties(properties);
    // WHEN the short form is applied from the property itself
    PreflightConfig config = PreflightConfig.from(
        BaselineSwitch.withSystemProperty(systemProperties, "off"), Optional.empty());
    // THEN both hold
    assertEquals("off", config.string("preflight.baseline.judge"));
    assertEquals(2, config.positiveInt("preflight.baseline.min-runs"));
  }
}
