package org.geohazard.app.config;

import java.time.Duration;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.TimescaleMode;

/** The database section; without a URL the embedded PostgreSQL is used. */
public record DatabaseSettings(
    String url, String user, String password, int poolSize, Duration connectTimeout, TimescaleMode timescale,
    String compressAfter, String retention, DatabaseConfig.Limits limits) {

  static DatabaseSettings from(Section s) {
    DatabaseSettings settings;
    try {
      settings = new DatabaseSettings(s.text("url"), s.text("user"), s.text("password"),
          s.integer("pool-size", 1, 200), Duration.ofSeconds(s.number("connect-timeout-s", 1, 3600)),
          TimescaleMode.parse(s.text("timescale")), s.text("compress-after"), s.text("retention"), limits(s));
      // Validates the rest of the section now, whether or not a URL is given.
      settings.toDatabaseConfig(settings.embedded() ? "jdbc:postgresql://localhost/check" : settings.url());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return settings;
  }

  private static DatabaseConfig.Limits limits(Section s) {
    return new DatabaseConfig.Limits(s.integer("api-pool-size", 1, 200),
        Duration.ofSeconds(s.number("login-timeout-s", 1, 600)),
        Duration.ofSeconds(s.number("socket-timeout-s", 1, 86_400)),
        Duration.ofSeconds(s.number("statement-timeout-s", 1, 86_400)),
        Duration.ofSeconds(s.number("api-socket-timeout-s", 1, 3_600)),
        Duration.ofMillis(s.number("api-statement-timeout-ms", 100, 3_600_000)),
        Duration.ofSeconds(s.number("listen-check-s", 1, 3_600)));
  }

  public boolean embedded() {
    return url.isEmpty();
  }

  public DatabaseConfig toDatabaseConfig(String jdbcUrl) {
    return new DatabaseConfig(jdbcUrl, user, password, poolSize, connectTimeout, timescale, compressAfter, retention,
        limits);
  }
}
