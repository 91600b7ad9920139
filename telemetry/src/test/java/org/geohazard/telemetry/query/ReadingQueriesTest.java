package org.geohazard.telemetry.query;

import static org.geohazard.registry.testing.DatabaseFixture.sensorId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.geohazard.telemetry.batch.BatchWriter;
import org.geohazard.telemetry.batch.IngestBatch;
import org.geohazard.telemetry.batch.ReadingRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ReadingQueriesTest {
  private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");

  private static Vertx vertx;
  private static Database database;
  private static int sensor;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    sensor = sensorId(database, "LF-T1", "crack_width");
    // one reading a minute for three hours: value = minute index; one out-of-range spike at minute 30
    List<ReadingRow> rows = new ArrayList<>();
    for (int minute = 0; minute < 180; minute++) {
      boolean spike = minute == 30;
      rows.add(new ReadingRow(sensor, T0.plusSeconds(minute * 60L).toEpochMilli(), spike ? 9999 : minute,
          spike ? ReadingRow.OUT_OF_RANGE : 0, T0.toEpochMilli()));
    }
    try (Connection c = database.dataSource().getConnection()) {
      new BatchWriter().write(c, new IngestBatch(rows, List.of(), List.of(), List.of(), List.of()));
    }
  }

  @AfterAll
  static void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void rawRangeIsOrderedAndHalfOpen() {
    List<Sample> samples = new ReadingQueries(database)
        .raw(sensor, T0.plusSeconds(60), T0.plusSeconds(60 * 4), 100).await();

    assertEquals(List.of(1.0, 2.0, 3.0), samples.stream().map(Sample::value).toList());
    assertEquals(T0.plusSeconds(60), samples.get(0).ts());
  }

  @Test
  void hourlyBucketsGiveMinMaxAvgLastWithoutOutOfRangeValues() {
    List<BucketStats> buckets = new ReadingQueries(database)
        .bucketed(sensor, T0, T0.plus(Duration.ofHours(3)), Duration.ofHours(1)).await();

    assertEquals(3, buckets.size());
    BucketStats first = buckets.get(0);
    assertEquals(T0, first.bucket());
    assertEquals(0, first.min());
    assertEquals(59, first.max());
    assertEquals(59, first.last());
    assertEquals(59, first.samples());
    assertEquals((59 * 60 / 2.0 - 30) / 59, first.avg(), 1e-9);
    assertEquals(120, buckets.get(2).min());
  }

  @Test
  void limitOutsideBoundsIsRefused() {
    ReadingQueries queries = new ReadingQueries(database);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> queries.raw(sensor, T0, T0.plusSeconds(1), ReadingQueries.MAX_ROWS + 1));
  }
}
