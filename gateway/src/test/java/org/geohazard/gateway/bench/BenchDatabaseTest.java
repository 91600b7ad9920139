package org.geohazard.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
