package org.geohazard.telemetry.batch;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.geohazard.registry.testing.DatabaseFixture.sensorId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BatchWriterTest {
  private static final long T0 = 1_751_356_800_000L;

  private static Vertx vertx;
  private static Database database;
  private final BatchWriter writer = new BatchWriter();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
  }

  @AfterAll
  static void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void readingSentTwiceIsStoredOnce() throws Exception {
    int sensor = sensorId(database, "LF-T1", "crack_width");
    List<ReadingRow> readings = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      readings.add(new ReadingRow(sensor, T0 + i * 1000L, 10.0 + i / 100.0, 0, T0 + 5000));
    }
    BatchResult first = write(batchOf(readings));
    BatchResult again = write(batchOf(readings.subList(50, 100)));

    assertEquals(100, first.readingsStored());
    assertEquals(0, again.readingsStored());
    assertEquals(50, again.readingsDuplicate());
    assertEquals(100, count(database, "SELECT count(*) FROM reading WHERE sensor_id = " + sensor));
    assertEquals(10.99, (double) count(database,
        "SELECT (value * 100)::bigint FROM reading WHERE sensor_id = " + sensor + " ORDER BY ts DESC LIMIT 1") / 100);
  }

  @Test
  void timestampsKeepTheirMilliseconds() throws Exception {
    int sensor = sensorId(database, "RG-T1", "rainfall");
    write(batchOf(List.of(new ReadingRow(sensor, T0 + 123, 0.5, ReadingRow.RECEIVE_TIME, T0 + 456))));

    assertEquals(T0 + 123, count(database,
        "SELECT (extract(epoch FROM ts) * 1000)::bigint FROM reading WHERE sensor_id = " + sensor));
    assertEquals(ReadingRow.RECEIVE_TIME, count(database, "SELECT flags FROM reading WHERE sensor_id = " + sensor));
  }

  @Test
  void newerStatusWinsAndPartialStatusKeepsOtherFields() throws Exception {
    write(statuses(
        new StatusRow("LF-T1", T0 + 2000, T0 + 2000, true, 3.9, -70, 20.0, "2.1.0"),
        new StatusRow("LF-T1", T0 + 1000, T0 + 3000, false, 3.5, -90, 10.0, "1.0.0"),
        new StatusRow("LF-T1", T0 + 3000, T0 + 3000, null, 3.8, null, null, null)));

    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT online, battery_v, rssi, firmware FROM device_state WHERE device_id = 'LF-T1'")) {
      r.next();
      assertEquals(true, r.getBoolean(1));
      assertEquals(3.8, r.getFloat(2), 0.001);
      assertEquals(-70, r.getInt(3));
      assertEquals("2.1.0", r.getString(4));
    }
    assertEquals(3, count(database, "SELECT count(*) FROM device_status WHERE device_id = 'LF-T1'"));
  }

  @Test
  void sequenceGapsAreCountedOnce() throws Exception {
    write(activity(new DeviceActivity("RG-T1", T0, 1L, 10L, 0)));
    write(activity(new DeviceActivity("RG-T1", T0 + 1000, 14L, 20L, 2)));
    // a redelivery of the second batch counts nothing again
    write(activity(new DeviceActivity("RG-T1", T0 + 1000, 14L, 20L, 2)));

    assertEquals(5, count(database, "SELECT missed_samples FROM device_state WHERE device_id = 'RG-T1'"));
    assertEquals(20, count(database, "SELECT last_seq FROM device_state WHERE device_id = 'RG-T1'"));
  }

  /**
   * Another gateway's batch inserts the device's state first and commits while this batch waits for it: this batch
   * still counts its own activity on top.
   */
  @Test
  void aDeviceFirstHeardByTwoGatewaysAtOnceKeepsBothBatchesActivity() throws Exception {
    try (Connection other = database.dataSource().getConnection(); Statement s = other.createStatement()) {
      s.execute("DELETE FROM device_state WHERE device_id = 'LF-T1'");
      other.setAutoCommit(false);
      s.execute("INSERT INTO device_state (device_id, online, last_seen, last_seq) VALUES ('LF-T1', true, now(), 10)");
      CompletableFuture<BatchResult> batch = CompletableFuture.supplyAsync(() -> {
        try {
          return write(activity(new DeviceActivity("LF-T1", T0, 14L, 20L, 2)));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (count(database, "SELECT count(*) FROM pg_locks WHERE NOT granted") == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(1, count(database, "SELECT count(*) FROM pg_locks WHERE NOT granted"), "the batch waits");
      other.commit();
      batch.get(10, TimeUnit.SECONDS);
    }

    assertEquals(20, count(database, "SELECT last_seq FROM device_state WHERE device_id = 'LF-T1'"));
    // two gaps within the batch and three (11 to 13) between the two gateways' batches
    assertEquals(5, count(database, "SELECT missed_samples FROM device_state WHERE device_id = 'LF-T1'"));
  }

  @Test
  void deadLetterKeepsReasonTopicAndPayload() throws Exception {
    byte[] payload = "{not json".getBytes(StandardCharsets.UTF_8);
    write(new IngestBatch(List.of(), List.of(), List.of(), List.of(), List.of(
        new DeadLetterRow(T0, "geohazard/v1/LF-T1/telemetry", "LF-T1", "malformed_json", "bad", payload, 9))));

    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT reason, topic, payload, payload_size FROM dead_letter")) {
      r.next();
      assertEquals("malformed_json", r.getString(1));
      assertEquals("geohazard/v1/LF-T1/telemetry", r.getString(2));
      assertArrayEquals(payload, r.getBytes(3));
      assertEquals(9, r.getInt(4));
    }
  }

  private BatchResult write(IngestBatch batch) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      return writer.write(c, batch);
    }
  }

  private static IngestBatch batchOf(List<ReadingRow> readings) {
    return new IngestBatch(readings, List.of(), List.of(), List.of(), List.of());
  }

  private static IngestBatch statuses(StatusRow... statuses) {
    return new IngestBatch(List.of(), List.of(statuses), List.of(), List.of(), List.of());
  }

  private static IngestBatch activity(DeviceActivity activity) {
    return new IngestBatch(List.of(), List.of(), List.of(), List.of(activity), List.of());
  }
}
