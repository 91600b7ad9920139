package org.geohazard.ingest.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The connection pool and the one bridge from Vert.x to JDBC: work handed to {@link #withConnection} or
 * {@link #inTransaction} runs on a worker pool the size of the connection pool and completes a Future on the
 * caller's context. Code that already runs on its own thread (the ingest writer) uses {@link #dataSource()}.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final WorkerExecutor workers;
  private final boolean timescale;

  private Database(HikariDataSource dataSource, WorkerExecutor workers, boolean timescale) {
    this.dataSource = dataSource;
    this.workers = workers;
    this.timescale = timescale;
  }

  /** Opens the pool and migrates the schema. Blocks: call it from a worker or before Vert.x runs. */
  public static Database open(Vertx vertx, DatabaseConfig config) {
    HikariDataSource dataSource = pool(config);
    try {
      boolean timescale = new SchemaMigrator(config).migrate(dataSource);
      WorkerExecutor workers = vertx.createSharedWorkerExecutor(
          "jdbc", config.poolSize(), 60, TimeUnit.SECONDS);
      return new Database(dataSource, workers, timescale);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  static HikariDataSource pool(DatabaseConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("geohazard");
    hikari.setJdbcUrl(config.url());
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setConnectionTimeout(5_000);
    // Start even while the database is still coming up; the migrator waits for it.
    hikari.setInitializationFailTimeout(-1);
    hikari.addDataSourceProperty("ApplicationName", "geohazard");
    return new HikariDataSource(hikari);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * A connection of its own, outside the pool, for work that holds one for as long as the process runs (a LISTEN):
   * the pool stays whole for the requests. The caller closes it.
   */
  public Connection openDedicated(String purpose) throws SQLException {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("user", dataSource.getUsername());
    properties.setProperty("password", dataSource.getPassword());
    properties.setProperty("ApplicationName", "geohazard " + purpose);
    return java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), properties);
  }

  /** Whether the TimescaleDB extension is in use (hypertables, compression, continuous aggregates). */
  public boolean timescale() {
    return timescale;
  }

  public <T> Future<T> withConnection(SqlWork<T> work) {
    return workers.executeBlocking(() -> {
      try (Connection connection = dataSource.getConnection()) {
        return work.run(connection);
      }
    }, false);
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
    dataSource.close();
  }
}
