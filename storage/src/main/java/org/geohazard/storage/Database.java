package org.geohazard.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;

/**
 * The connection pools and the one bridge from Vert.x to JDBC. Two pools, so that the apps' requests can never take
 * the connections that ingest needs: the core pool ({@link #dataSource()}) for the code that runs on its own threads
 * (the ingest writer, evaluation, delivery, rollups), and the API's pool behind {@link #withConnection} and
 * {@link #inTransaction}, whose work runs on a worker pool of the same size and completes a Future on the caller's
 * context. Each pool has connect, socket (read) and statement timeouts: a database that stops answering costs a
 * timeout, never a thread for good. Work that needs no connection but much CPU (password hashing) runs through
 * {@link #withoutConnection} on a small pool of its own.
 */
public final class Database implements AutoCloseable {
  /** Password hashing may use at most half the processors: ingest and the database need the rest. */
  private static final int HASHING_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  /** Password checks waiting beyond the running ones; more are refused (the API answers 503). */
  private static final int HASHING_QUEUE = 64;
  /** API requests waiting for a database worker beyond the running ones; more are refused (503). */
  private static final int API_QUEUE = 512;

  private final HikariDataSource core;
  private final HikariDataSource api;
  private final BoundedWorkers workers;
  private final BoundedWorkers hashing;
  private final DatabaseConfig config;
  private final boolean timescale;

  private Database(HikariDataSource core, HikariDataSource api, BoundedWorkers workers, BoundedWorkers hashing,
      DatabaseConfig config, boolean timescale) {
    this.core = core;
    this.api = api;
    this.workers = workers;
    this.hashing = hashing;
    this.config = config;
    this.timescale = timescale;
  }

  /** Opens the pools and migrates the schema. Blocks: call it from a worker or before Vert.x runs. */
  public static Database open(Vertx vertx, DatabaseConfig config) {
    boolean timescale;
    // migrations may run long on a big database: a pool of their own without the statement timeout
    try (HikariDataSource migration = pool(config, "geohazard-migration", 2, Duration.ZERO, Duration.ZERO)) {
      timescale = new SchemaMigrator(config).migrate(migration);
    }
    DatabaseConfig.Limits limits = config.limits();
    HikariDataSource core = pool(config, "geohazard", config.poolSize(), limits.socketTimeout(),
        limits.statementTimeout());
    HikariDataSource api = pool(config, "geohazard-api", limits.apiPoolSize(), limits.apiSocketTimeout(),
        limits.apiStatementTimeout());
    BoundedWorkers workers = new BoundedWorkers(vertx, "jdbc-api", limits.apiPoolSize(), API_QUEUE,
        "too many requests waiting for the database");
    BoundedWorkers hashing = new BoundedWorkers(vertx, "password-hashing", HASHING_THREADS, HASHING_QUEUE,
        "too much password work waiting");
    return new Database(core, api, workers, hashing, config, timescale);
  }

  static HikariDataSource pool(DatabaseConfig config, String name, int size, Duration socketTimeout,
      Duration statementTimeout) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(name);
    hikari.setJdbcUrl(config.url());
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(size);
    // opened as needed: a pool that is seldom used (the core pool of an API node) keeps few connections
    hikari.setMinimumIdle(Math.min(2, size));
    // waiting for a free connection of the pool: the writer retries, the API answers 503
    hikari.setConnectionTimeout(5_000);
    // Start even while the database is still coming up; the migrator waits for it.
    hikari.setInitializationFailTimeout(-1);
    hikari.addDataSourceProperty("ApplicationName", name);
    timeouts(config, socketTimeout).forEach((key, value) -> hikari.addDataSourceProperty((String) key, value));
    if (!statementTimeout.isZero()) {
      hikari.setConnectionInitSql("SET statement_timeout = " + statementTimeout.toMillis());
    }
    return new HikariDataSource(hikari);
  }

  /** pgjdbc's own timeouts, in seconds: connecting, signing in, and reading (0: none). */
  private static Properties timeouts(DatabaseConfig config, Duration socketTimeout) {
    Properties properties = new Properties();
    long login = Math.max(1, config.limits().loginTimeout().toSeconds());
    properties.setProperty("connectTimeout", Long.toString(login));
    properties.setProperty("loginTimeout", Long.toString(login));
    properties.setProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
    properties.setProperty("tcpKeepAlive", "true");
    return properties;
  }

  /** The core pool: ingest, evaluation, delivery and rollups, on threads of their own. */
  public DataSource dataSource() {
    return core;
  }

  /**
   * A connection of its own, outside the pools, for work that holds one for as long as the process runs (a LISTEN):
   * the pools stay whole. It is given up when the database does not answer within the login timeout. The caller
   * closes it.
   */
  public Connection openDedicated(String purpose) throws SQLException {
    Properties properties = timeouts(config, config.limits().loginTimeout());
    properties.setProperty("user", config.user());
    properties.setProperty("password", config.password());
    properties.setProperty("ApplicationName", "geohazard " + purpose);
    return java.sql.DriverManager.getConnection(config.url(), properties);
  }

  /** How often a connection held for good (a LISTEN) is checked with a query. */
  public Duration dedicatedCheckInterval() {
    return config.limits().listenCheck();
  }

  /** Whether the TimescaleDB extension is in use (hypertables, compression, continuous aggregates). */
  public boolean timescale() {
    return timescale;
  }

  /**
   * Runs the work on a connection of the API's pool, on its workers, never on the event loop. Beyond a bounded
   * queue of waiting work it is refused with a {@link RejectedExecutionException}.
   */
  public <T> Future<T> withConnection(SqlWork<T> work) {
    return workers.run(() -> {
      try (Connection connection = api.getConnection()) {
        return work.run(connection);
      }
    });
  }

  /**
   * Runs CPU-heavy work that needs no connection (password hashing, writing documents) on a small pool of its own:
   * it never holds a connection or a transaction, and never takes the API's database workers. Beyond a bounded queue
   * the work is refused with a {@link RejectedExecutionException}.
   */
  public <T> Future<T> withoutConnection(Callable<T> work) {
    return hashing.run(work);
  }

  public <T> Future<T> inTransaction(SqlWork<T> work) {
    return withConnection(connection -> inTransaction(connection, work));
  }

  /**
   * Runs the work in a transaction on a connection the caller holds; for code already off the event loop. Inside a
   * transaction already open on the connection the work simply joins it.
   */
  public static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
    if (!connection.getAutoCommit()) {
      return work.run(connection);
    }
    connection.setAutoCommit(false);
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  @Override
  public void close() {
    workers.close();
    hashing.close();
    api.close();
    core.close();
  }
}
