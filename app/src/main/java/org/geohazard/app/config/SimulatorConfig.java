package org.geohazard.app.config;

import java.time.Duration;

/**
 * The built-in demo devices. They come with the demo registry, whose accounts have published passwords, so they run
 * only where nothing real can be reached: on the embedded database, or where a deployment sets {@code demo: true}.
 *
 * @param landslide whether the demo's crack meter shows an accelerating landslide after {@code scenarioDelay}
 */
public record SimulatorConfig(boolean enabled, Duration interval, boolean landslide, Duration scenarioDelay) {
  /**
   * Reads the section; {@code enabled: auto} means "with the embedded database or the demo flag", and an explicit
   * {@code true} on a named database without the demo flag is refused.
   */
  public static SimulatorConfig from(Section s, boolean embeddedDatabase, boolean demo) {
    boolean enabled = switch (s.text("enabled")) {
      case "auto" -> embeddedDatabase || demo;
      case "true" -> {
        if (!embeddedDatabase && !demo) {
          throw new ConfigException(s.path("enabled") + " is true with database.url set: the simulator imports the"
              + " demo registry, whose accounts have published passwords, into that database. Set demo: true"
              + " (GEOHAZARD_DEMO=true) if it is a database for trying the demo, or leave simulator.enabled at auto");
        }
        yield true;
      }
      case "false" -> false;
      default -> throw new ConfigException(s.path("enabled") + " must be true or false, or auto; got '"
          + s.text("enabled") + "'");
    };
    String scenario = s.text("scenario");
    if (!scenario.equals("landslide") && !scenario.equals("none")) {
      throw new ConfigException(s.path("scenario") + " must be landslide or none; got '" + scenario + "'");
    }
    return new SimulatorConfig(enabled, Duration.ofSeconds(s.number("interval-s", 1, 86_400)),
        scenario.equals("landslide"), Duration.ofSeconds(s.number("scenario-delay-s", 0, 86_400)));
  }
}
