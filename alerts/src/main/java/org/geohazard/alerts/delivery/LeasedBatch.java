package org.geohazard.alerts.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane's leased rows on their way out. Rows go to their channel a call at a time; each call's outcomes are
 * recorded, under the lease, as soon as it returns. Before a call its rows are claimed: only rows still held by the
 * lease and still to send (not superseded since they were leased) go out, and their lease is stretched to cover the
 * call, however slow. A call that starts right after the lease was taken, while the lease still covers the whole
 * call, needs no claim: no other dispatcher can hold the rows, and a row superseded in those milliseconds is no
 * different from one superseded during the call. Rows never handed to a channel are released.
 */
final class LeasedBatch {
  private static final Logger LOG = LoggerFactory.getLogger(LeasedBatch.class);
  private static final int RECORD_TRIES = 3;
  /** What a claim adds to a call's longest time: the outcome is recorded after the call returns. */
  private static final Duration RECORDING = Duration.ofSeconds(5);
  /** How soon after the lease a call may start without a claim. */
  private static final Duration FRESH = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final Map<String, Channel> channels;
  private final List<OutboxRow> rows;
  private final UUID lease;
  private final long leasedAt;
  private final Duration leaseLength;

  /**
   * @param leasedAt {@link System#nanoTime()} before the lease was asked for: the lease runs at least until then plus
   *     its length, whatever the clocks of this host and the database say
   */
  LeasedBatch(DataSource dataSource, Map<String, Channel> channels, List<OutboxRow> rows, UUID lease, long leasedAt,
      Duration leaseLength) {
    this.dataSource = dataSource;
    this.channels = channels;
    this.rows = rows;
    this.lease = lease;
    this.leasedAt = leasedAt;
    this.leaseLength = leaseLength;
  }

  void deliver() throws InterruptedException {
    Map<String, List<OutboxRow>> byChannel = new LinkedHashMap<>();
    rows.forEach(row -> byChannel.computeIfAbsent(row.channel(), k -> new ArrayList<>()).add(row));
    List<Long> notHandedOver = new ArrayList<>();
    for (Map.Entry<String, List<OutboxRow>> entry : byChannel.entrySet()) {
      notHandedOver.addAll(deliver(entry.getKey(), entry.getValue()));
    }
    if (!notHandedOver.isEmpty()) {
      try (Connection c = dataSource.getConnection()) {
        OutboxRepository.release(c, notHandedOver, lease);
      } catch (SQLException e) {
        LOG.warn("Releasing {} unsent outbox rows failed ({}); they are due again when their lease runs out",
            notHandedOver.size(), e.getMessage());
      }
    }
  }

  /** Returns the ids of the rows that were not handed to the channel. */
  private List<Long> deliver(String name, List<OutboxRow> channelRows) throws InterruptedException {
    Channel channel = channels.get(name);
    List<Long> notHandedOver = new ArrayList<>();
    if (channel == null) {
      Map<Long, Outcome> outcomes = new HashMap<>();
      channelRows.forEach(row -> outcomes.put(row.id(), Outcome.failed("channel " + name + " is not configured",
          null)));
      record(name, outcomes);
      return notHandedOver;
    }
    int size = Math.max(1, channel.rowsPerCall());
    for (int from = 0; from < channelRows.size(); from += size) {
      List<OutboxRow> call = channelRows.subList(from, Math.min(channelRows.size(), from + size));
      List<OutboxRow> toSend = freshLeaseCovers(channel.longestCall()) ? call
          : claim(call, channel.longestCall(), notHandedOver);
      if (!toSend.isEmpty()) {
        record(name, send(name, channel, toSend));
      }
    }
    return notHandedOver;
  }

  private boolean freshLeaseCovers(Duration longest) {
    Duration since = Duration.ofNanos(System.nanoTime() - leasedAt);
    return since.compareTo(FRESH) < 0 && since.plus(longest).plus(RECORDING).compareTo(leaseLength) < 0;
  }

  private List<OutboxRow> claim(List<OutboxRow> call, Duration longest, List<Long> notHandedOver) {
    Set<Long> held;
    try (Connection c = dataSource.getConnection()) {
      held = OutboxRepository.claim(c, call.stream().map(OutboxRow::id).toList(), lease, longest.plus(RECORDING));
    } catch (SQLException e) {
      // without the database the outcome could not be recorded either: leave the rows to a later lease
      LOG.warn("Outbox rows could not be checked before sending ({}); they are sent later", e.getMessage());
      call.forEach(row -> notHandedOver.add(row.id()));
      return List.of();
    }
    List<OutboxRow> toSend = new ArrayList<>();
    for (OutboxRow row : call) {
      if (held.contains(row.id())) {
        toSend.add(row);
      } else {
        notHandedOver.add(row.id());
      }
    }
    return toSend;
  }

  private Map<Long, Outcome> send(String name, Channel channel, List<OutboxRow> call) throws InterruptedException {
    Map<Long, Outcome> outcomes = new HashMap<>();
    try {
      outcomes.putAll(channel.send(call));
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      LOG.warn("[channel: {}] sending {} messages failed: {}", name, call.size(), e.toString());
      call.forEach(row -> outcomes.putIfAbsent(row.id(),
          Outcome.retry(OutboxDispatcher.backoff(row.attempts()), e.toString(), null)));
    }
    for (OutboxRow row : call) {
      outcomes.putIfAbsent(row.id(), Outcome.retry(OutboxDispatcher.backoff(row.attempts()),
          "no outcome from the channel", null));
    }
    return outcomes;
  }

  /**
   * Records a call's outcomes under the lease, trying again briefly when the database fails: a row whose outcome is
   * lost is sent again when its lease runs out.
   */
  private void record(String name, Map<Long, Outcome> outcomes) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        int recorded = OutboxRepository.record(c, outcomes, lease);
        if (recorded < outcomes.size()) {
          LOG.warn("[channel: {}] {} of {} outcomes not recorded: their lease had passed to another dispatcher",
              name, outcomes.size() - recorded, outcomes.size());
        }
        return;
      } catch (SQLException e) {
        if (attempt >= RECORD_TRIES) {
          LOG.error("[channel: {}] recording {} outcomes failed ({}); the rows are sent again when their lease runs"
              + " out", name, outcomes.size(), e.getMessage());
          return;
        }
        Thread.sleep(Duration.ofMillis(250L * attempt).toMillis());
      }
    }
  }
}
