package org.geohazard.telemetry.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.geohazard.telemetry.batch.CommandAckRow;
import org.geohazard.telemetry.batch.DeadLetterRow;
import org.geohazard.telemetry.batch.DeviceActivity;
import org.geohazard.telemetry.batch.IngestBatch;
import org.geohazard.telemetry.batch.ReadingRow;
import org.geohazard.telemetry.batch.StatusRow;

/** Collects what the decoders make of a group of messages into one {@link IngestBatch}. */
public final class BatchBuilder {
  private final List<ReadingRow> readings = new ArrayList<>();
  private final List<StatusRow> statuses = new ArrayList<>();
  private final List<CommandAckRow> acks = new ArrayList<>();
  private final List<DeadLetterRow> deadLetters = new ArrayList<>();
  private final Map<String, Heard> heard = new HashMap<>();
  private final Set<String> points = new HashSet<>();
  private long newestSampleMillis = Long.MIN_VALUE;

  private static final class Heard {
    long lastSeen;
    final TreeSet<Long> seqs = new TreeSet<>();
  }

  void reading(ReadingRow row, String pointCode) {
    readings.add(row);
    points.add(pointCode);
    newestSampleMillis = Math.max(newestSampleMillis, row.tsMillis());
  }

  /** When the newest sample of the batch was taken, or {@link Long#MIN_VALUE} without readings. */
  public long newestSampleMillis() {
    return newestSampleMillis;
  }

  void heard(String deviceId, long receivedAt, Long seq) {
    Heard h = heard.computeIfAbsent(deviceId, id -> new Heard());
    h.lastSeen = Math.max(h.lastSeen, receivedAt);
    if (seq != null) {
      h.seqs.add(seq);
    }
  }

  void status(StatusRow row) {
    statuses.add(row);
  }

  void commandAck(CommandAckRow row) {
    acks.add(row);
  }

  void deadLetter(DeadLetterRow row) {
    deadLetters.add(row);
  }

  public int readingCount() {
    return readings.size();
  }

  /** Hazard points that got new readings in this batch. */
  public Set<String> points() {
    return Set.copyOf(points);
  }

  public IngestBatch build() {
    List<DeviceActivity> activity = new ArrayList<>(heard.size());
    heard.forEach((device, h) -> {
      Long first = h.seqs.isEmpty() ? null : h.seqs.first();
      Long last = h.seqs.isEmpty() ? null : h.seqs.last();
      long gaps = h.seqs.isEmpty() ? 0 : last - first + 1 - h.seqs.size();
      activity.add(new DeviceActivity(device, h.lastSeen, first, last, gaps));
    });
    return new IngestBatch(List.copyOf(readings), List.copyOf(statuses), List.copyOf(acks), activity,
        List.copyOf(deadLetters));
  }
}
