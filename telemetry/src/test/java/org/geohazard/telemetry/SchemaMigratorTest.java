package org.geohazard.telemetry;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import org.geohazard.storage.Database;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.TimescaleMode;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SchemaMigratorTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void plainPostgresGetsTheTablesWithoutTimescale() throws Exception {
    DatabaseConfig config = TestDatabases.freshDatabase();
    long applied;
    try (Database database = Database.open(vertx, config)) {
      assertFalse(database.timescale());
      assertEquals(0, count(database, "SELECT count(*) FROM reading"));
      applied = count(database, "SELECT count(*) FROM flyway_history_ingest WHERE success");
    }
    // a second start finds everything applied
    try (Database again = Database.open(vertx, config)) {
      assertTrue(applied >= 7, "migrations applied: " + applied);
      assertEquals(applied, count(again, "SELECT count(*) FROM flyway_history_ingest"));
    }
  }

  @Test
  void requiredTimescaleOnPlainPostgresStopsWithAClearMessage() {
    DatabaseConfig plain = TestDatabases.freshDatabase();
    DatabaseConfig required = TestDatabases.config(plain.url(), plain.user(), plain.password(), TimescaleMode.REQUIRED);

    IllegalStateException error = assertThrows(IllegalStateException.class, () -> Database.open(vertx, required));
    assertTrue(error.getMessage().contains("database.timescale=required"), error.getMessage());
  }

  @Test
  void badConfigurationIsNamed() {
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
        () -> TestDatabases.config("mysql://x", "u", "p", TimescaleMode.AUTO));
    assertTrue(url.getMessage().contains("database.url"));
    assertThrows(IllegalArgumentException.class, () -> TimescaleMode.parse("sometimes"));
  }
}
