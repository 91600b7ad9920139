package org.geohazard.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks' figures are durable ones unless someone says otherwise: the default must not silently regress. */
class BenchDatabaseTest {
  @TempDir
  Path work;

  @Test
  void theEmbeddedBenchmarkDatabaseReportsDurableSettings() throws Exception {
    try (BenchDatabase database = BenchDatabase.open(work, "")) {
      BenchDatabase.Settings settings = database.settings();
      assertEquals("on", settings.fsync());
      assertEquals("on", settings.synchronousCommit());
      assertEquals("embedded", settings.where());
      assertFalse(settings.postgresVersion().isBlank());
      String described = database.describe();
      assertTrue(described.contains("fsync on") && described.contains("synchronous_commit on")
          && described.contains("embedded"), described);
    }
  }

  @Test
  void aServerNamedByTheUrlGetsADatabaseOfTheBenchmarksOwnDroppedAtTheEnd() throws Exception {
    try (BenchDatabase server = BenchDatabase.open(work, "")) {
      String url = server.jdbcUrl() + "?user=postgres&password=postgres";
      String name;
      try (BenchDatabase external = BenchDatabase.open(work, url)) {
        BenchDatabase.Settings settings = external.settings();
        assertEquals("localhost", settings.where());
        assertEquals("none", settings.timescaleVersion());
        assertEquals("on", settings.fsync());
        try (Connection c = external.connect(); Statement s = c.createStatement();
            ResultSet r = s.executeQuery("SELECT current_database()")) {
          r.next();
          name = r.getString(1);
        }
        assertTrue(name.startsWith("geohazard_bench_"), name);
      }
      try (Connection c = server.connect(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
        r.next();
        assertEquals(0, r.getInt(1));
      }
    }
  }

  @Test
  void aDatabaseUrlThatCannotBeReachedIsRefusedClearly() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> BenchDatabase.open(work, "jdbc:postgresql://127.0.0.1:1/x?user=a&password=b&connectTimeout=2"));
    assertTrue(e.getMessage().contains("GEOHAZARD_BENCH_DATABASE_URL") && e.getMessage().contains("127.0.0.1"),
        e.getMessage());
  }

  @Test
  void aUrlThatIsNotPostgresqlIsRefusedClearly() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> BenchDatabase.open(work, "postgres://host/db"));
    assertTrue(e.getMessage().contains("GEOHAZARD_BENCH_DATABASE_URL") && e.getMessage().contains("jdbc:postgresql://"),
        e.getMessage());
  }
}
