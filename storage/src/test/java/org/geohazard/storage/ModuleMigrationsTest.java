package org.geohazard.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Each module's migrations have a history of their own: a module's new migration follows its own older ones whatever
 * other modules have applied since, and a database whose history was shared by all modules carries on from it.
 * Two modules here: "lower" (V1, later V2) and "upper" (V50), the way ingest gained V5 after the API's V250.
 */
@Timeout(60)
class ModuleMigrationsTest {
  private static final String LOWER_BEFORE = "classpath:module-migrations/lower-before";
  private static final String LOWER_AFTER = "classpath:module-migrations/lower-after";
  private static final String UPPER = "classpath:module-migrations/upper";

  @Test
  void aModulesNewMigrationRunsAfterANewerOneOfAnotherModule() throws Exception {
    PGSimpleDataSource database = dataSource(TestDatabases.freshDatabase());
    ModuleMigrations.migrate(database, "lower", LOWER_BEFORE);
    ModuleMigrations.migrate(database, "upper", UPPER);

    ModuleMigrations.migrate(database, "lower", LOWER_AFTER);

    assertEquals(0, count(database, "SELECT count(*) FROM lower_two"), "V2 of lower ran after V50 of upper");
    assertEquals(2, count(database, "SELECT count(*) FROM flyway_history_lower WHERE success"));
  }

  /** The same order on one shared history is refused, as it was before (the reason for histories per module). */
  @Test
  void oneSharedHistoryRefusedThatOrder() throws Exception {
    PGSimpleDataSource database = dataSource(TestDatabases.freshDatabase());
    Flyway.configure().dataSource(database).locations(LOWER_BEFORE, UPPER).load().migrate();

    assertThrows(FlywayException.class,
        () -> Flyway.configure().dataSource(database).locations(LOWER_AFTER, UPPER).load().migrate());
  }

  @Test
  void aSharedHistoryIsCarriedOnPerModule() throws Exception {
    PGSimpleDataSource database = dataSource(TestDatabases.freshDatabase());
    Flyway.configure().dataSource(database).locations(LOWER_BEFORE, UPPER).load().migrate();
    execute(database, "INSERT INTO lower_one VALUES (7)");

    ModuleMigrations.migrate(database, "lower", LOWER_AFTER);
    ModuleMigrations.migrate(database, "upper", UPPER);

    assertEquals(1, count(database, "SELECT count(*) FROM lower_one"), "nothing run twice, nothing lost");
    assertEquals(0, count(database, "SELECT count(*) FROM lower_two"), "the new migration ran");
    assertEquals(1, count(database, "SELECT count(*) FROM flyway_history_lower WHERE version = '2' AND success"));
    assertEquals(1, count(database, "SELECT count(*) FROM flyway_history_upper WHERE type = 'BASELINE'"
        + " AND version = '50'"));
  }

  @Test
  void aShippedMigrationEditedSinceIsRefusedWhenTheSharedHistoryIsCarriedOn() throws Exception {
    PGSimpleDataSource database = dataSource(TestDatabases.freshDatabase());
    Flyway.configure().dataSource(database).locations(LOWER_BEFORE, UPPER).load().migrate();

    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> ModuleMigrations.migrate(database, "lower", "classpath:module-migrations/lower-edited"));
    assertTrue(error.getMessage().contains("V1 of lower differs"), error.getMessage());
  }

  private static PGSimpleDataSource dataSource(DatabaseConfig config) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(config.url());
    dataSource.setUser(config.user());
    dataSource.setPassword(config.password());
    return dataSource;
  }

  private static void execute(PGSimpleDataSource database, String sql) throws SQLException {
    try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(PGSimpleDataSource database, String sql) throws SQLException {
    try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
