package org.geohazard.telemetry.decode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.util.Arrays;
import java.util.Optional;
import org.geohazard.registry.DeviceDirectory;
import org.geohazard.registry.DeviceDirectory.DeviceInfo;
import org.geohazard.telemetry.batch.DeadLetterRow;
import org.geohazard.telemetry.message.InboundMessage;
import org.geohazard.telemetry.message.Topics;
import org.geohazard.telemetry.pipeline.IngestConfig;

/**
 * Turns device messages into rows to store, following device contract v1. What cannot be used becomes a dead
 * letter with the reason; the usable rest of the same message is still stored.
 */
public final class MessageDecoder {
  private final Topics topics;
  private final IngestConfig config;
  private final TelemetryDecoder telemetry;

  public MessageDecoder(Topics topics, IngestConfig config) {
    this.topics = topics;
    this.config = config;
    this.telemetry = new TelemetryDecoder(config);
  }

  /** Decodes one message into the builder. Never throws for anything a device can send. */
  public void decode(InboundMessage message, DeviceDirectory directory, BatchBuilder batch) {
    Problems problems = new Problems();
    Optional<Topics.DeviceTopic> topic = topics.parse(message.topic());
    String deviceId = topic.map(Topics.DeviceTopic::deviceId).orElse(null);
    try {
      decode(message, topic, directory, batch, problems);
    } catch (RuntimeException e) {
      // A decoder bug must not stop the stream: the message is kept for inspection.
      problems.add(Reason.INVALID_MESSAGE, "could not be decoded: " + e);
    }
    if (!problems.isEmpty()) {
      batch.deadLetter(deadLetter(message, deviceId, problems));
    }
  }

  /** Records a message the database refused, as a dead letter only. */
  public void rejected(InboundMessage message, String why, BatchBuilder batch) {
    Problems problems = new Problems();
    problems.add(Reason.STORAGE_REJECTED, "the database refused this message: " + why);
    batch.deadLetter(deadLetter(message, topics.parse(message.topic()).map(Topics.DeviceTopic::deviceId).orElse(null),
        problems));
  }

  private void decode(InboundMessage message, Optional<Topics.DeviceTopic> topic, DeviceDirectory directory,
      BatchBuilder batch, Problems problems) {
    if (topic.isEmpty()) {
      problems.add(Reason.UNKNOWN_TOPIC, "topic is not one of the device contract's");
      return;
    }
    if (message.payload().length > config.maxPayloadBytes()) {
      problems.add(Reason.OVERSIZED, "payload of " + message.payload().length + " bytes exceeds "
          + config.maxPayloadBytes());
      return;
    }
    String deviceId = topic.get().deviceId();
    Optional<DeviceInfo> device = directory.device(deviceId);
    if (device.isEmpty()) {
      problems.add(Reason.UNKNOWN_DEVICE, "device " + Text.quote(deviceId) + " is not registered");
      return;
    }
    Object json;
    try {
      json = Json.decodeValue(Buffer.buffer(message.payload()));
    } catch (DecodeException e) {
      problems.add(Reason.MALFORMED_JSON, "payload is not JSON");
      return;
    }
    switch (topic.get().kind()) {
      case TELEMETRY -> telemetry.decode(json, device.get(), message, batch, problems);
      case STATUS -> StatusDecoder.decode(json, deviceId, message, batch, problems);
      case COMMAND_ACK -> StatusDecoder.decodeCommandAck(json, deviceId, message, batch, problems);
    }
  }

  private DeadLetterRow deadLetter(InboundMessage message, String deviceId, Problems problems) {
    byte[] payload = message.payload();
    byte[] kept = payload.length > config.deadLetterPayloadBytes()
        ? Arrays.copyOf(payload, config.deadLetterPayloadBytes()) : payload;
    return new DeadLetterRow(message.receivedAtMillis(), Text.clean(message.topic(), 512),
        Text.clean(deviceId, 128), problems.reason(), Text.clean(problems.detail(), 4000), kept, payload.length);
  }
}
