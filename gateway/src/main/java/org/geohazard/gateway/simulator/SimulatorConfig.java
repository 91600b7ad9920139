package org.geohazard.gateway.simulator;

import java.time.Duration;
import org.geohazard.gateway.config.Section;

/** The built-in demo devices. */
public record SimulatorConfig(boolean enabled, Duration interval) {
  public static SimulatorConfig from(Section s) {
    return new SimulatorConfig(s.flag("enabled"), Duration.ofSeconds(s.number("interval-s", 1, 86_400)));
  }
}
