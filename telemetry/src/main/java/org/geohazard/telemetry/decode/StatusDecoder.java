package org.geohazard.telemetry.decode;

import io.vertx.core.json.JsonObject;
import org.geohazard.telemetry.batch.CommandAckRow;
import org.geohazard.telemetry.batch.StatusRow;
import org.geohazard.telemetry.message.InboundMessage;

/** Status messages (health, heartbeat, Will) and command acknowledgements. */
final class StatusDecoder {
  private StatusDecoder() {
  }

  static void decode(Object json, String deviceId, InboundMessage message, BatchBuilder batch, Problems problems) {
    if (!(json instanceof JsonObject status)) {
      problems.add(Reason.INVALID_STATUS, "status must be an object");
      return;
    }
    long received = message.receivedAtMillis();
    Long ts = status.getValue("ts") == null ? Long.valueOf(received) : Timestamps.parse(status.getValue("ts"));
    if (ts == null || ts < Timestamps.EARLIEST || ts > received + 86_400_000L) {
      problems.add(Reason.INVALID_TIMESTAMP, "status ts " + Text.quote(status.getValue("ts"))
          + " is not a plausible time; the receive time is used");
      ts = received;
    }
    batch.status(new StatusRow(deviceId, ts, received,
        field(status, "online", Boolean.class, problems),
        number(status, "battery_v", problems),
        integer(status, "rssi", problems),
        number(status, "temp_c", problems),
        Text.clean(field(status, "firmware", String.class, problems), 64)));
  }

  static void decodeCommandAck(
      Object json, String deviceId, InboundMessage message, BatchBuilder batch, Problems problems) {
    if (!(json instanceof JsonObject ack) || !(ack.getValue("id") instanceof String id) || id.isBlank()
        || !(ack.getValue("ok") instanceof Boolean ok)) {
      problems.add(Reason.INVALID_COMMAND_ACK, "a command acknowledgement needs a string 'id' and a boolean 'ok'");
      return;
    }
    long received = message.receivedAtMillis();
    Long ts = Timestamps.parse(ack.getValue("ts"));
    batch.commandAck(new CommandAckRow(deviceId, Text.clean(id, 128), ok,
        ack.getValue("error") == null ? null : Text.clean(String.valueOf(ack.getValue("error")), 500),
        ts == null ? received : ts, received));
  }

  private static <T> T field(JsonObject status, String key, Class<T> type, Problems problems) {
    Object value = status.getValue(key);
    if (value == null) {
      return null;
    }
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    problems.add(Reason.INVALID_STATUS, key + " = " + Text.quote(value) + " has the wrong type; field ignored");
    return null;
  }

  private static Double number(JsonObject status, String key, Problems problems) {
    Number value = field(status, key, Number.class, problems);
    if (value == null) {
      return null;
    }
    if (!Double.isFinite(value.doubleValue())) {
      problems.add(Reason.INVALID_STATUS, key + " is not a finite number; field ignored");
      return null;
    }
    return value.doubleValue();
  }

  private static Integer integer(JsonObject status, String key, Problems problems) {
    Double value = number(status, key, problems);
    if (value == null) {
      return null;
    }
    if (Math.abs(value) > 1_000_000) {
      problems.add(Reason.INVALID_STATUS, key + " is out of range; field ignored");
      return null;
    }
    return (int) Math.round(value);
  }
}
