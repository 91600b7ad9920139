package org.geohazard.telemetry;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.geohazard.registry.RegistryImporter;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.TimescaleMode;
import org.geohazard.storage.testing.TestDatabases;
import org.geohazard.telemetry.batch.BatchWriter;
import org.geohazard.telemetry.batch.IngestBatch;
import org.geohazard.telemetry.batch.ReadingRow;
import org.geohazard.telemetry.query.BucketStats;
import org.geohazard.telemetry.query.ReadingQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs against a real TimescaleDB named by GEOHAZARD_TEST_TIMESCALE_URL (a database the test may fill and empty);
 * reported as skipped without one.
 */
@Timeout(120)
class TimescaleSchemaTest {

  @Test
  void timescaleGetsHypertablesPoliciesAndAggregates() throws Exception {
    String url = TestDatabases.timescaleUrl();
    assumeTrue(url != null, "no TimescaleDB given: set " + TestDatabases.TIMESCALE_ENV
        + "=jdbc:postgresql://host:port/db?user=...&password=...");
    Vertx vertx = Vertx.vertx();
    DatabaseConfig config = TestDatabases.config(url, null, null, TimescaleMode.REQUIRED);
    try (Database database = Database.open(vertx, config)) {
      assertTrue(database.timescale());
      assertEquals(2, count(database, "SELECT count(*) FROM timescaledb_information.hypertables"
          + " WHERE hypertable_name IN ('reading', 'device_status')"));
      assertEquals(2, count(database, "SELECT count(*) FROM timescaledb_information.continuous_aggregates"
          + " WHERE view_name IN ('reading_hourly', 'reading_daily')"));
      assertEquals(2, count(database, "SELECT count(*) FROM timescaledb_information.jobs"
          + " WHERE hypertable_name = 'reading' AND proc_name IN ('policy_compression', 'policy_retention')"));
      assertEquals(2, count(database, "SELECT count(DISTINCT (extract(epoch FROM next_start))::bigint / 60)"
          + " FROM timescaledb_information.jobs WHERE hypertable_name = 'reading'"));

      try (Connection c = database.dataSource().getConnection()) {
        RegistryImporter.importFile(c, DatabaseFixture.testRegistry());
      }
      int sensor = DatabaseFixture.sensorId(database, "RG-T1", "rainfall");
      Instant t0 = Instant.parse("2025-07-01T00:00:00Z");
      try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("DELETE FROM reading WHERE sensor_id = " + sensor);
        new BatchWriter().write(c, new IngestBatch(List.of(
            new ReadingRow(sensor, t0.toEpochMilli(), 1.0, 0, t0.toEpochMilli()),
            new ReadingRow(sensor, t0.plusSeconds(600).toEpochMilli(), 3.0, 0, t0.toEpochMilli())),
            List.of(), List.of(), List.of(), List.of()));
      }
      List<BucketStats> hourly = new ReadingQueries(database)
          .bucketed(sensor, t0, t0.plus(Duration.ofHours(1)), Duration.ofHours(1)).await();
      assertEquals(1, hourly.size());
      assertEquals(2.0, hourly.get(0).avg(), 1e-9);
      assertEquals(3.0, hourly.get(0).last(), 1e-9);
    } finally {
      vertx.close().await();
    }
  }
}
