package org.geohazard.app.config;

import java.nio.file.Path;

/** Where the embedded PostgreSQL and broker keep their data and listen, when no external ones are configured. */
public record EmbeddedConfig(Path databaseDir, int databasePort, String brokerHost, int brokerPort,
    boolean brokerPersistent, Path brokerDir) {

  public static EmbeddedConfig from(Section database, Section broker) {
    return new EmbeddedConfig(Path.of(database.text("data-dir")), database.integer("port", 1, 65535),
        broker.text("host"), broker.integer("port", 0, 65535), broker.flag("persistent"),
        Path.of(broker.text("data-dir")));
  }
}
