package org.geohazard.gateway.config;

import java.time.Duration;
import org.geohazard.ingest.db.DatabaseConfig;
import org.geohazard.ingest.db.TimescaleMode;

/** The database section; without a URL the embedded PostgreSQL is used. */
public record DatabaseSettings(
    String url, String user, String password, int poolSize, Duration connectTimeout, TimescaleMode timescale,
    String compressAfter, String retention) {

  static DatabaseSettings from(Section s) {
    DatabaseSettings settings;
    try {
      settings = new DatabaseSettings(s.text("url"), s.text("user"), s.text("password"),
          s.integer("pool-size", 1, 200), Duration.ofSeconds(s.number("connect-timeout-s", 1, 3600)),
          TimescaleMode.parse(s.text("timescale")), s.text("compress-after"), s.text("retention"));
      // Validates the rest of the section now, whether or not a URL is given.
      settings.toDatabaseConfig(settings.embedded() ? "jdbc:postgresql://localhost/check" : settings.url());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return settings;
  }

  public boolean embedded() {
    return url.isEmpty();
  }

  public DatabaseConfig toDatabaseConfig(String jdbcUrl) {
    return new DatabaseConfig(jdbcUrl, user, password, poolSize, connectTimeout, timescale, compressAfter, retention);
  }
}
