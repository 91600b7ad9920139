package org.geohazard.telemetry.batch;

import java.util.List;

/** Everything decoded from a group of MQTT messages, written in one transaction. */
public record IngestBatch(
    List<ReadingRow> readings,
    List<StatusRow> statuses,
    List<CommandAckRow> commandAcks,
    List<DeviceActivity> activity,
    List<DeadLetterRow> deadLetters) {

  public boolean isEmpty() {
    return readings.isEmpty() && statuses.isEmpty() && commandAcks.isEmpty() && activity.isEmpty()
        && deadLetters.isEmpty();
  }
}
