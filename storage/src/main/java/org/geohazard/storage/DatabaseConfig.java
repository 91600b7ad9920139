package org.geohazard.storage;

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
 * @param limits the two pools' sizes and timeouts
 */
public record DatabaseConfig(
    String url,
    String user,
    String password,
    int poolSize,
    Duration connectTimeout,
    TimescaleMode timescale,
    String compressAfter,
    String retention,
    Limits limits) {

  /**
   * Pools and timeouts. Ingest, evaluation and delivery use the core pool ({@code poolSize}); the apps' API has a
   * pool of its own, so that requests can never take the connections the writer needs.
   *
   * @param apiPoolSize connections of the API's pool
   * @param loginTimeout opening one connection (TCP connect and sign-in) fails after this long
   * @param socketTimeout the core pool: a connection whose database sends nothing this long is given up
   * @param statementTimeout the core pool: a statement running longer is cancelled by the database
   * @param apiSocketTimeout the API's pool: as socketTimeout
   * @param apiStatementTimeout the API's pool: as statementTimeout
   * @param listenCheck how often the live events' LISTEN connection is checked with a query
   */
  public record Limits(int apiPoolSize, Duration loginTimeout, Duration socketTimeout, Duration statementTimeout,
      Duration apiSocketTimeout, Duration apiStatementTimeout, Duration listenCheck) {
    public static final Limits DEFAULTS = new Limits(8, Duration.ofSeconds(10), Duration.ofSeconds(90),
        Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(15));

    public Limits {
      if (apiPoolSize < 1 || apiPoolSize > 200) {
        throw new IllegalArgumentException("database.api-pool-size must be between 1 and 200; got " + apiPoolSize);
      }
      if (socketTimeout.compareTo(statementTimeout) <= 0) {
        throw new IllegalArgumentException("database.socket-timeout-s must be longer than "
            + "database.statement-timeout-s, or a slow statement is taken for a dead connection");
      }
      if (apiSocketTimeout.compareTo(apiStatementTimeout) <= 0) {
        throw new IllegalArgumentException("database.api-socket-timeout-s must be longer than "
            + "database.api-statement-timeout-ms");
      }
    }
  }

  /** With the default pools and timeouts. */
  public DatabaseConfig(String url, String user, String password, int poolSize, Duration connectTimeout,
      TimescaleMode timescale, String compressAfter, String retention) {
    this(url, user, password, poolSize, connectTimeout, timescale, compressAfter, retention, Limits.DEFAULTS);
  }

  public DatabaseConfig {
    Objects.requireNonNull(limits, "database limits");
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
