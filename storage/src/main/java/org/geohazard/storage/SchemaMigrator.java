package org.geohazard.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the schema: each module's plain PostgreSQL migrations always ({@link ModuleMigrations}), then the TimescaleDB
 * migrations (hypertables, compression, retention, continuous aggregates) when the extension can be used. Each set
 * keeps a history table of its own, so a database that gains the extension later gets the TimescaleDB part on the
 * next start.
 */
final class SchemaMigrator {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
  /**
   * The modules with migrations ({@code classpath:db/<module>}, each with a history of its own), lowest first: a
   * module's migrations may use the tables of the modules before it.
   */
  static final List<String> MODULES = List.of("ingest", "alerts", "api");

  private final DatabaseConfig config;

  SchemaMigrator(DatabaseConfig config) {
    this.config = config;
  }

  /** Returns whether TimescaleDB features are in use. */
  boolean migrate(DataSource dataSource) {
    awaitDatabase(dataSource);
    for (String module : MODULES) {
      ModuleMigrations.migrate(dataSource, module);
    }
    boolean timescale = timescaleAvailable(dataSource);
    if (timescale) {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/timescale")
          .table("flyway_timescale_history")
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .placeholders(Map.of("compressAfter", config.compressAfter(), "retention", config.retention()))
          .load()
          .migrate();
      LOG.info("TimescaleDB in use: readings are a hypertable with compression, retention and hourly/daily aggregates");
    }
    return timescale;
  }

  private boolean timescaleAvailable(DataSource dataSource) {
    if (config.timescale() == TimescaleMode.OFF) {
      LOG.info("TimescaleDB switched off (database.timescale=off): plain PostgreSQL tables, no compression,"
          + " retention or continuous aggregates");
      return false;
    }
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      if (!exists(statement, "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
        return absent("the timescaledb extension is not installed on the server");
      }
      try {
        statement.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
      } catch (SQLException e) {
        return absent("CREATE EXTENSION timescaledb failed (" + e.getMessage().strip()
            + "); is it in shared_preload_libraries?");
      }
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not check for the timescaledb extension: " + e.getMessage(), e);
    }
  }

  private boolean absent(String why) {
    if (config.timescale() == TimescaleMode.REQUIRED) {
      throw new IllegalStateException("database.timescale=required but " + why);
    }
    LOG.warn("TimescaleDB not available ({}): readings are stored in plain PostgreSQL tables without"
        + " compression, retention or continuous aggregates; charts aggregate the raw readings", why);
    return false;
  }

  private static boolean exists(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      return rows.next();
    }
  }

  private void awaitDatabase(DataSource dataSource) {
    long deadline = System.nanoTime() + config.connectTimeout().toNanos();
    while (true) {
      try (Connection connection = dataSource.getConnection()) {
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not reach the database at " + config.url() + " within "
              + config.connectTimeout().toSeconds() + " s: " + e.getMessage(), e);
        }
        LOG.info("Waiting for the database at {}: {}", config.url(), e.getMessage());
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for the database", interrupted);
        }
      }
    }
  }
}
