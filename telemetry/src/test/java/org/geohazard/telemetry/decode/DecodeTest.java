package org.geohazard.telemetry.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.geohazard.registry.DeviceDirectory;
import org.geohazard.registry.DeviceDirectory.DeviceInfo;
import org.geohazard.registry.DeviceDirectory.SensorInfo;
import org.geohazard.telemetry.batch.DeadLetterRow;
import org.geohazard.telemetry.batch.IngestBatch;
import org.geohazard.telemetry.batch.ReadingRow;
import org.geohazard.telemetry.message.InboundMessage;
import org.geohazard.telemetry.message.Topics;
import org.geohazard.telemetry.pipeline.IngestConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Device contract v1 decoded into rows, without a broker or a database: what is stored, what is a dead letter. */
@Tag("unit")
class DecodeTest {
  private static final long NOW = 1_751_356_900_000L;
  private static final DeviceDirectory DEVICES = DeviceDirectory.of(List.of(new DeviceInfo("LF-01", "500101001", 600,
      Map.of("crack_width", new SensorInfo(11, "crack_width", "crack_width", 0, 500),
          "rainfall", new SensorInfo(12, "rainfall", "rainfall", 0, 300)))));
  private final MessageDecoder decoder = new MessageDecoder(new Topics("geohazard/v1"), new IngestConfig(1000,
      Duration.ofMillis(20), 4096, 256, Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMinutes(1), 3,
      Duration.ofMinutes(2)));

  @Test
  void aSampleBecomesAReadingPerChannel() {
    IngestBatch batch = decode("geohazard/v1/LF-01/telemetry",
        "{\"ts\": 1751356800000, \"seq\": 7, \"values\": {\"crack_width\": 12.34, \"rainfall\": 0.5}}");

    assertEquals(List.of(), batch.deadLetters());
    assertEquals(Map.of(11, 12.34, 12, 0.5), values(batch));
    assertTrue(batch.readings().stream().allMatch(r -> r.tsMillis() == 1_751_356_800_000L && r.flags() == 0));
  }

  @Test
  void aSampleWithoutATimeTakesTheReceiveTimeAndSaysSo() {
    ReadingRow reading = decode("geohazard/v1/LF-01/telemetry", "{\"values\": {\"rainfall\": 2}}").readings().get(0);

    assertEquals(NOW, reading.tsMillis());
    assertEquals(ReadingRow.RECEIVE_TIME, reading.flags());
  }

  @Test
  void aValueOutsideTheChannelsRangeIsStoredFlagged() {
    ReadingRow reading = decode("geohazard/v1/LF-01/telemetry",
        "{\"ts\": 1751356800000, \"values\": {\"crack_width\": 9000}}").readings().get(0);

    assertEquals(9000, reading.value());
    assertEquals(ReadingRow.OUT_OF_RANGE, reading.flags() & ReadingRow.OUT_OF_RANGE);
  }

  /** A backlog's good samples are stored; the bad one is a dead letter with its reason, the message kept whole. */
  @Test
  void aBacklogKeepsItsGoodSamplesAndNamesTheBadOne() {
    String backlog = "[{\"ts\": 1751356200000, \"values\": {\"rainfall\": 1.5}},"
        + " {\"ts\": 1751356500000, \"values\": {\"snowfall\": 3}},"
        + " {\"ts\": 1751356600000, \"values\": {\"rainfall\": 2.0}}]";
    IngestBatch batch = decode("geohazard/v1/LF-01/telemetry", backlog);

    assertEquals(List.of(1.5, 2.0), batch.readings().stream().map(ReadingRow::value).toList());
    DeadLetterRow dead = batch.deadLetters().get(0);
    assertEquals(Reason.UNKNOWN_CHANNEL, dead.reason());
    assertEquals("LF-01", dead.deviceId());
    assertArrayEquals(backlog.getBytes(StandardCharsets.UTF_8), dead.payload());
  }

  @Test
  void whatCannotBeUsedIsADeadLetterWithItsReason() {
    assertEquals(Reason.MALFORMED_JSON, reason("geohazard/v1/LF-01/telemetry", "not json"));
    assertEquals(Reason.UNKNOWN_DEVICE, reason("geohazard/v1/LF-99/telemetry", "{\"values\": {\"rainfall\": 1}}"));
    assertEquals(Reason.UNKNOWN_TOPIC, reason("geohazard/v1/LF-01/firmware", "{}"));
    assertEquals(Reason.OVERSIZED, reason("geohazard/v1/LF-01/telemetry", "{\"values\": {}, \"pad\": \""
        + "x".repeat(5000) + "\"}"));
  }

  private IngestBatch decode(String topic, String payload) {
    BatchBuilder batch = new BatchBuilder();
    decoder.decode(new InboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, 1, NOW, 0, 1), DEVICES,
        batch);
    return batch.build();
  }

  private String reason(String topic, String payload) {
    IngestBatch batch = decode(topic, payload);
    assertEquals(List.of(), batch.readings());
    return batch.deadLetters().get(0).reason();
  }

  private static Map<Integer, Double> values(IngestBatch batch) {
    return batch.readings().stream().collect(Collectors.toMap(ReadingRow::sensorId,
        ReadingRow::value));
  }
}
