package org.geohazard.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.TestDevice;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Device contract v1 through a real broker and a real database: what a device sends is stored, what cannot be used
 * is a dead letter with its reason, and the rest of the same message still counts. Each broker runs these.
 */
@Timeout(120)
abstract class IntakeBehaviour {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private String prefix;
  private Sql sql;
  private GatewayRunner gateway;
  private TestDevice crackMeter;

  /** The broker to run against. */
  abstract String brokerUrl();

  @BeforeEach
  void startGateway() throws Exception {
    prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
    DatabaseConfig database = TestDatabases.freshDatabase();
    sql = new Sql(database.url());
    gateway = GatewayRunner.start(GatewayRunner.environment(database.url(), brokerUrl(), prefix,
        DatabaseFixture.testRegistry()));
    crackMeter = TestDevice.connect(brokerUrl(), prefix, "LF-T1");
  }

  @AfterEach
  void stopGateway() throws Exception {
    crackMeter.close();
    gateway.close();
  }

  @Test
  void singleSampleIsStoredWithItsTimestamp() throws Exception {
    crackMeter.telemetry("{\"ts\": 1751356800000, \"seq\": 7, \"values\": {\"crack_width\": 12.34, \"crack_width_2\": 3.5}}");

    assertEquals(2, waitForReadings(2));
    assertEquals(List.of("12.34"), sql.column("SELECT value FROM reading r JOIN sensor s ON s.id = r.sensor_id"
        + " WHERE s.channel = 'crack_width' AND r.ts = to_timestamp(1751356800) AND r.flags = 0"));
    assertEquals(7, sql.count("SELECT last_seq FROM device_state WHERE device_id = 'LF-T1'"));
  }

  @Test
  void sampleWithoutTimestampUsesTheReceiveTimeAndSaysSo() throws Exception {
    long before = System.currentTimeMillis();
    crackMeter.telemetry("{\"values\": {\"crack_width\": 1.0}}");

    assertEquals(1, waitForReadings(1));
    long ts = sql.count("SELECT (extract(epoch FROM ts) * 1000)::bigint FROM reading WHERE flags = 2");
    assertTrue(ts >= before && ts <= System.currentTimeMillis(), "receive time expected, got " + ts);
  }

  @Test
  void backlogOfAThousandSamplesIsStoredInOrder() throws Exception {
    long t0 = 1_751_356_800_000L;
    StringBuilder backlog = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) {
      backlog.append(i == 0 ? "" : ",").append("{\"ts\": ").append(t0 + i * 60_000L)
          .append(", \"seq\": ").append(i).append(", \"values\": {\"crack_width\": ").append(i / 10.0).append("}}");
    }
    crackMeter.telemetry(backlog.append("]").toString());

    assertEquals(1000, waitForReadings(1000));
    List<String> values = sql.column("SELECT value FROM reading ORDER BY ts");
    for (int i = 0; i < 1000; i++) {
      assertEquals(i / 10.0, Double.parseDouble(values.get(i)), 1e-9, "sample " + i);
    }
    assertEquals(0, sql.count("SELECT missed_samples FROM device_state WHERE device_id = 'LF-T1'"));
  }

  @Test
  void sameSampleSentTwiceIsStoredOnce() throws Exception {
    String sample = "{\"ts\": 1751356800000, \"values\": {\"crack_width\": 5}}";
    crackMeter.telemetry(sample);
    crackMeter.telemetry(sample);
    crackMeter.telemetry("{\"ts\": 1751356860000, \"values\": {\"crack_width\": 6}}");

    assertEquals(2, waitForReadings(2));
    Thread.sleep(300);
    assertEquals(2, sql.count("SELECT count(*) FROM reading"));
  }

  @Test
  void sampleWithoutTimeDeliveredAgainCountsOnceByItsSequenceNumber() throws Exception {
    try (TestDevice gauge = TestDevice.connect(brokerUrl(), prefix, "RG-T1")) {
      String sample = "{\"seq\": 41, \"values\": {\"rainfall\": 2.5}}";
      gauge.telemetry(sample);
      assertEquals(1, waitForReadings(1));
      Thread.sleep(50);
      // the same sample again, as after a lost acknowledgement: received later, so the receive time differs
      gauge.telemetry(sample);
      gauge.telemetry("{\"seq\": 42, \"values\": {\"rainfall\": 1.0}}");

      assertEquals(2, waitForReadings(2));
      Thread.sleep(300);
      assertEquals(2, sql.count("SELECT count(*) FROM reading"));
      assertEquals(List.of("3.5"), sql.column("SELECT sum(value) FROM reading WHERE flags = 2"),
          "the rain of sample 41 counts once");
    }
  }

  @Test
  void outOfRangeValueIsKeptButFlagged() throws Exception {
    crackMeter.telemetry("{\"ts\": 1751356800000, \"values\": {\"crack_width\": 9999}}");

    assertEquals(1, waitForReadings(1));
    assertEquals(1, sql.count("SELECT flags FROM reading"));
  }

  @Test
  void eachKindOfBadInputIsADeadLetterWithItsReason() throws Exception {
    long now = System.currentTimeMillis();
    crackMeter.publish("telemetry", "{not json".getBytes(StandardCharsets.UTF_8));
    // above ingest.max-payload-bytes (262144) but within the packet size the gateway takes; a larger message never
    // reaches the gateway at all (PacketSizeSecurityTest)
    crackMeter.publish("telemetry", new byte[266_000]);
    crackMeter.telemetry("{\"ts\": " + now + ", \"values\": {\"wind_speed\": 3}}");
    crackMeter.telemetry("{\"ts\": " + now + ", \"values\": {\"crack_width\": \"12\"}}");
    crackMeter.telemetry("{\"ts\": " + now + ", \"values\": {\"crack_width\": 1e999}}");
    crackMeter.telemetry("{\"ts\": " + (now + 86_400_000L) + ", \"values\": {\"crack_width\": 1}}");
    crackMeter.telemetry("{\"ts\": \"yesterday\", \"values\": {\"crack_width\": 1}}");
    crackMeter.telemetry("\"just a string\"");
    crackMeter.status("{\"online\": \"maybe\"}");
    try (TestDevice stranger = TestDevice.connect(brokerUrl(), prefix, "NOT-REGISTERED")) {
      stranger.telemetry("{\"ts\": " + now + ", \"values\": {\"crack_width\": 1}}");
    }

    List<String> expected = List.of("malformed_json", "oversized", "unknown_channel", "invalid_value",
        "invalid_value", "future_timestamp", "invalid_timestamp", "invalid_message", "invalid_status",
        "unknown_device");
    List<String> reasons = Eventually.await(WAIT,
        () -> sql.column("SELECT reason FROM dead_letter ORDER BY id"), r -> r.size() >= expected.size());
    assertEquals(expected.stream().sorted().toList(), reasons.stream().sorted().toList());
    assertEquals(266_000, sql.count("SELECT payload_size FROM dead_letter WHERE reason = 'oversized'"));
    assertEquals(8192, sql.count("SELECT length(payload) FROM dead_letter WHERE reason = 'oversized'"));
    assertEquals(1, sql.count("SELECT count(*) FROM dead_letter WHERE reason = 'unknown_device'"
        + " AND device_id = 'NOT-REGISTERED' AND topic = '" + prefix + "/NOT-REGISTERED/telemetry'"));
    assertEquals(0, sql.count("SELECT count(*) FROM reading"));
  }

  @Test
  void badSamplesInABacklogDoNotCostTheGoodOnes() throws Exception {
    crackMeter.telemetry("[{\"ts\": 1751356800000, \"values\": {\"crack_width\": 1}},"
        + " {\"values\": {\"crack_width\": 2}},"
        + " {\"ts\": 1751356920000, \"values\": {\"crack_width\": 3, \"bogus\": 4}},"
        + " 17,"
        + " {\"ts\": 1751356980000, \"values\": {\"crack_width\": 5}}]");

    assertEquals(3, waitForReadings(3));
    List<String> detail = Eventually.await(WAIT, () -> sql.column("SELECT detail FROM dead_letter"),
        d -> !d.isEmpty());
    assertEquals(1, detail.size());
    assertTrue(detail.get(0).contains("sample 1: ts is missing"), detail.get(0));
    assertTrue(detail.get(0).contains("sample 2: channel 'bogus'"), detail.get(0));
    assertTrue(detail.get(0).contains("sample 3 is not an object"), detail.get(0));
    assertEquals(List.of("1", "3", "5"), sql.column("SELECT value FROM reading ORDER BY ts"));
  }

  @Test
  void statusAndWillKeepTheDeviceHealth() throws Exception {
    TestDevice gauge = TestDevice.connect(brokerUrl(), prefix, "RG-T1", true);
    gauge.status("{\"ts\": " + System.currentTimeMillis() + ", \"online\": true, \"battery_v\": 3.92,"
        + " \"rssi\": -71, \"temp_c\": 18.5, \"firmware\": \"2.1.0\"}");
    assertEquals(List.of("t"), Eventually.await(WAIT,
        () -> sql.column("SELECT online FROM device_state WHERE device_id = 'RG-T1'"), r -> !r.isEmpty()));

    gauge.vanish();

    assertEquals(List.of("f"), Eventually.await(WAIT,
        () -> sql.column("SELECT online FROM device_state WHERE device_id = 'RG-T1'"), r -> r.equals(List.of("f"))));
    assertEquals(List.of("2.1.0"), sql.column("SELECT firmware FROM device_state WHERE device_id = 'RG-T1'"));
    assertEquals(2, sql.count("SELECT count(*) FROM device_status WHERE device_id = 'RG-T1'"));
  }

  @Test
  void commandAcknowledgementIsRecorded() throws Exception {
    crackMeter.publish("cmd/ack", "{\"id\": \"cmd-7f3a\", \"ok\": false, \"error\": \"relay stuck\", \"ts\": 1751356805000}"
        .getBytes(StandardCharsets.UTF_8));

    assertEquals(List.of("relay stuck"), Eventually.await(WAIT,
        () -> sql.column("SELECT error FROM command_ack WHERE device_id = 'LF-T1' AND command_id = 'cmd-7f3a'"),
        r -> !r.isEmpty()));
  }

  private long waitForReadings(long expected) throws Exception {
    return Eventually.await(WAIT, () -> sql.count("SELECT count(*) FROM reading"), n -> n >= expected);
  }
}
