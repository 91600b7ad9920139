package org.geohazard.ingest.db;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach PostgreSQL/TimescaleDB.
 *
 * @param url JDBC URL ({@code jdbc:postgresql://host:5432/db})
 * @param poolSize connections in the pool; JDBC work runs on a worker pool of the same size
 * @param connectTimeout how long start-up waits for the database before giving up
 * @param timescale whether TimescaleDB features are used
 * @param compressAfter age after which reading chunks are compressed (a PostgreSQL interval)
 * @param retention age after which raw readings are dropped (a PostgreSQL interval)
 */
public record DatabaseConfig(
    String url,
    String user,
    String password,
    int poolSize,
    Duration connectTimeout,
    TimescaleMode timescale,
    String compressAfter,
    String retention) {

  public DatabaseConfig {
    Objects.requireNonNull(url, "database.url");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("database.url must be a jdbc:postgresql: URL; got '" + url + "'");
    }
    if (poolSize < 1 || poolSize > 200) {
      throw new IllegalArgumentException("database.pool-size must be between 1 and 200; got " + poolSize);
    }
    requireInterval("database.compress-after", compressAfter);
    requireInterval("database.retention", retention);
  }

  private static void requireInterval(String key, String value) {
    if (value == null || !value.matches("\\d+\\s+(minutes?|hours?|days?|weeks?|months?|years?)")) {
      throw new IllegalArgumentException(key + " must read like '7 days' or '5 years'; got '" + value + "'");
    }
  }
}
