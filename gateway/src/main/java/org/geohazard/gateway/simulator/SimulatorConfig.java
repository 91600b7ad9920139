package org.geohazard.gateway.simulator;

import java.time.Duration;
import org.geohazard.gateway.config.ConfigException;
import org.geohazard.gateway.config.Section;

/**
 * The built-in demo devices.
 *
 * @param landslide whether the demo's crack meter shows an accelerating landslide after {@code scenarioDelay}
 */
public record SimulatorConfig(boolean enabled, Duration interval, boolean landslide, Duration scenarioDelay) {
  public static SimulatorConfig from(Section s) {
    String scenario = s.text("scenario");
    if (!scenario.equals("landslide") && !scenario.equals("none")) {
      throw new ConfigException(s.path("scenario") + " must be landslide or none; got '" + scenario + "'");
    }
    return new SimulatorConfig(s.flag("enabled"), Duration.ofSeconds(s.number("interval-s", 1, 86_400)),
        scenario.equals("landslide"), Duration.ofSeconds(s.number("scenario-delay-s", 0, 86_400)));
  }
}
