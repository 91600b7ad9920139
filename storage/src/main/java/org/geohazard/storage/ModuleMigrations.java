package org.geohazard.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One module's migrations ({@code classpath:db/<module>}) with a history table of its own
 * ({@code flyway_history_<module>}), so each module numbers its migrations on its own and a new one of any module
 * always follows the ones of that module a database already has.
 *
 * <p>Databases made before had one history for all modules ({@code flyway_schema_history}); on the first start with
 * this code each module's history begins at the newest of its migrations recorded there (a Flyway baseline), after
 * checking that all of its older ones were applied and are unchanged. The shared history is left as it was.
 */
final class ModuleMigrations {
  private static final Logger LOG = LoggerFactory.getLogger(ModuleMigrations.class);
  static final String SHARED_HISTORY = "flyway_schema_history";

  private ModuleMigrations() {
  }

  /** Applies the module's new migrations; a module with none in this build (not on the class path) is skipped. */
  static void migrate(DataSource dataSource, String module) {
    migrate(dataSource, module, "classpath:db/" + module);
  }

  static void migrate(DataSource dataSource, String module, String location) {
    String table = "flyway_history_" + module;
    // a module whose history is new in a schema other modules filled: all its migrations, from the first
    Flyway flyway = Flyway.configure().dataSource(dataSource).locations(location).table(table)
        .baselineOnMigrate(true).baselineVersion("0").baselineDescription("no migration of " + module + " yet").load();
    MigrationInfo[] migrations = flyway.info().all();
    if (migrations.length == 0) {
      return;
    }
    if (!tableExists(dataSource, table)) {
      adoptSharedHistory(dataSource, module, table, migrations);
    }
    flyway.migrate();
  }

  private static void adoptSharedHistory(DataSource dataSource, String module, String table,
      MigrationInfo[] migrations) {
    if (!tableExists(dataSource, SHARED_HISTORY)) {
      return;
    }
    Map<String, Integer> applied = appliedInSharedHistory(dataSource);
    List<MigrationInfo> own = Arrays.stream(migrations).filter(m -> m.getVersion() != null).toList();
    MigrationVersion newest = own.stream().map(MigrationInfo::getVersion)
        .filter(version -> applied.containsKey(version.getVersion()))
        .max(MigrationVersion::compareTo).orElse(null);
    if (newest == null) {
      return; // none of the module's migrations ran yet: its history starts empty
    }
    for (MigrationInfo migration : own) {
      if (migration.getVersion().compareTo(newest) > 0) {
        continue;
      }
      Integer checksum = applied.get(migration.getVersion().getVersion());
      if (checksum == null) {
        throw new IllegalStateException("Migration V" + migration.getVersion() + " of " + module + " is older than"
            + " V" + newest + ", which this database has, but was never applied to it (" + SHARED_HISTORY + ")");
      }
      if (!checksum.equals(migration.getChecksum())) {
        throw new IllegalStateException("Migration V" + migration.getVersion() + " of " + module + " differs from"
            + " the one this database applied (" + SHARED_HISTORY + "): a migration that has shipped must not change");
      }
    }
    Flyway.configure().dataSource(dataSource).table(table).baselineVersion(newest)
        .baselineDescription("applied as recorded in " + SHARED_HISTORY).load().baseline();
    LOG.info("Migrations of {}: history {} begins at V{}, as recorded in {}", module, table, newest, SHARED_HISTORY);
  }

  /** Version → checksum of the migrations the shared history records as applied. */
  private static Map<String, Integer> appliedInSharedHistory(DataSource dataSource) {
    Map<String, Integer> applied = new HashMap<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version, checksum FROM " + SHARED_HISTORY
            + " WHERE success AND version IS NOT NULL")) {
      while (rows.next()) {
        int checksum = rows.getInt(2);
        applied.put(rows.getString(1), rows.wasNull() ? null : checksum);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read " + SHARED_HISTORY + ": " + e.getMessage(), e);
    }
    return applied;
  }

  private static boolean tableExists(DataSource dataSource, String table) {
    try (Connection connection = dataSource.getConnection();
        ResultSet rows = connection.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
      return rows.next();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not look for " + table + ": " + e.getMessage(), e);
    }
  }
}
