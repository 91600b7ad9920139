package org.geohazard.telemetry.decode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.geohazard.registry.DeviceDirectory.DeviceInfo;
import org.geohazard.registry.DeviceDirectory.SensorInfo;
import org.geohazard.telemetry.batch.ReadingRow;
import org.geohazard.telemetry.message.InboundMessage;
import org.geohazard.telemetry.pipeline.IngestConfig;

/** Telemetry: one sample (an object) or a backlog (an array of samples, oldest first). */
final class TelemetryDecoder {
  private final IngestConfig config;

  TelemetryDecoder(IngestConfig config) {
    this.config = config;
  }

  void decode(Object json, DeviceInfo device, InboundMessage message, BatchBuilder batch, Problems problems) {
    if (json instanceof JsonObject sample) {
      sample(sample, "sample", true, device, message, batch, problems);
    } else if (json instanceof JsonArray backlog) {
      if (backlog.isEmpty()) {
        problems.add(Reason.INVALID_MESSAGE, "backlog holds no samples");
      }
      for (int i = 0; i < backlog.size(); i++) {
        if (backlog.getValue(i) instanceof JsonObject sample) {
          sample(sample, "sample " + i, false, device, message, batch, problems);
        } else {
          problems.add(Reason.INVALID_MESSAGE, "sample " + i + " is not an object");
        }
      }
    } else {
      problems.add(Reason.INVALID_MESSAGE, "telemetry must be a sample object or an array of samples");
    }
  }

  private void sample(JsonObject sample, String where, boolean single, DeviceInfo device, InboundMessage message,
      BatchBuilder batch, Problems problems) {
    long received = message.receivedAtMillis();
    Object rawTs = sample.getValue("ts");
    long ts;
    int flags = 0;
    if (rawTs == null && single) {
      ts = received;
      flags = ReadingRow.RECEIVE_TIME;
    } else {
      Long parsed = Timestamps.parse(rawTs);
      if (parsed == null || parsed < Timestamps.EARLIEST) {
        problems.add(Reason.INVALID_TIMESTAMP, where + ": ts " + (rawTs == null ? "is missing (a backlog sample needs one)"
            : Text.quote(rawTs) + " is not epoch milliseconds or RFC 3339 with an offset, after 2000"));
        return;
      }
      if (parsed > received + config.maxFutureSkew().toMillis()) {
        problems.add(Reason.FUTURE_TIMESTAMP, where + ": ts " + Text.quote(rawTs) + " is "
            + (parsed - received) / 1000 + " s ahead of the platform's clock");
        return;
      }
      ts = parsed;
    }
    Long seq = seq(sample.getValue("seq"), where, problems);
    // a redelivery of a sample without a time must get the same time to be stored once: its sequence number says
    // which sample it is, and the writer gives it the receive time of the first delivery
    ReadingRow.UntimedSample untimed = flags == ReadingRow.RECEIVE_TIME && seq != null
        ? new ReadingRow.UntimedSample(device.id(), seq) : null;
    if (!(sample.getValue("values") instanceof JsonObject values) || values.isEmpty()) {
      problems.add(Reason.INVALID_MESSAGE, where + ": 'values' must be an object of channel to number");
      return;
    }
    boolean stored = false;
    for (Map.Entry<String, Object> entry : values) {
      SensorInfo sensor = device.channels().get(entry.getKey());
      if (sensor == null) {
        problems.add(Reason.UNKNOWN_CHANNEL, where + ": channel " + Text.quote(entry.getKey())
            + " is not registered for device " + device.id());
        continue;
      }
      if (!(entry.getValue() instanceof Number number) || !Double.isFinite(number.doubleValue())) {
        problems.add(Reason.INVALID_VALUE, where + ": " + entry.getKey() + " = " + Text.quote(entry.getValue())
            + " is not a finite number");
        continue;
      }
      double value = number.doubleValue();
      int rowFlags = sensor.inRange(value) ? flags : flags | ReadingRow.OUT_OF_RANGE;
      batch.reading(new ReadingRow(sensor.id(), ts, value, rowFlags, received, untimed), device.pointCode());
      stored = true;
    }
    if (stored) {
      batch.heard(device.id(), received, seq);
    }
  }

  private static Long seq(Object raw, String where, Problems problems) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof Integer || raw instanceof Long) {
      long seq = ((Number) raw).longValue();
      if (seq >= 0) {
        return seq;
      }
    }
    problems.add(Reason.INVALID_SEQ, where + ": seq " + Text.quote(raw)
        + " is not a non-negative whole number (values kept)");
    return null;
  }
}
