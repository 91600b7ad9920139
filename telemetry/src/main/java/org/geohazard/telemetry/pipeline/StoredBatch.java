package org.geohazard.telemetry.pipeline;

import java.util.List;
import java.util.Set;
import org.geohazard.telemetry.batch.BatchResult;
import org.geohazard.telemetry.message.InboundMessage;

/**
 * What one committed batch held: for metrics, and for whatever follows a commit (evaluating the points that got
 * new data).
 *
 * @param messages the messages, committed and acknowledged
 * @param points the hazard points that got new readings
 */
public record StoredBatch(List<InboundMessage> messages, BatchResult result, Set<String> points) {

  /** When the oldest message of the batch reached the gateway ({@link System#nanoTime()}). */
  public long oldestArrivalNanos() {
    return messages.get(0).arrivedNanos();
  }
}
