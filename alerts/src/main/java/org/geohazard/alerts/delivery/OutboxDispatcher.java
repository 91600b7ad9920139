package org.geohazard.alerts.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.geohazard.lifecycle.Backoff;
import org.geohazard.lifecycle.RoundFailed;
import org.geohazard.lifecycle.Worker;
import org.geohazard.lifecycle.Workers;

/**
 * Delivers the outbox. Each lane (a set of channels) has a worker of its own ({@link Worker}, one or more threads) that lease due rows (FOR UPDATE SKIP
 * LOCKED, so several gateways share the work) under a lease token, hand them to their channel and record each row's
 * outcome — sent, retried later with backoff, failed, or expired — fenced by that token as soon as the channel returns.
 * A dispatcher that dies between sending and recording leaves its rows leased; when the lease runs out they are sent
 * again: delivery is at least once, never lost. Before each call of a channel its rows are claimed and their lease
 * stretched to cover the call, so a slow channel never lets another dispatcher send the same row meanwhile. No
 * attempt count ends a row: it is retried until it is delivered, its channel gives up on it, or its time to live
 * (counted from when it was written) runs out.
 */
public final class OutboxDispatcher implements AutoCloseable {
  private static final int BATCH = 1_000;

  private final DataSource dataSource;
  private final Map<String, Channel> channels;
  private final List<OutboxLane> lanes;
  private final Duration idle;
  private final List<Worker> workers = new ArrayList<>();
  private final Object signal = new Object();
  private long wakes;

  /** Every channel in one lane (tests, and deployments with only fast channels). */
  public OutboxDispatcher(Workers workers, DataSource dataSource, Map<String, Channel> channels, Duration lease,
      Duration idle, int threads) {
    this(workers, dataSource, channels, List.of(new OutboxLane("outbox", channels.keySet(), threads, BATCH, lease)),
        idle);
  }

  public OutboxDispatcher(Workers workers, DataSource dataSource, Map<String, Channel> channels,
      List<OutboxLane> lanes, Duration idle) {
    this.dataSource = dataSource;
    this.channels = Map.copyOf(channels);
    this.lanes = List.copyOf(lanes);
    this.idle = idle;
    for (OutboxLane lane : this.lanes) {
      this.workers.add(workers.loop("outbox-" + lane.name(), lane.workers(), Backoff.DEFAULT, () -> round(lane)));
    }
  }

  public void start() {
    workers.forEach(Worker::start);
  }

  /** One batch of the lane, or a wait for a wake or the idle pause when nothing is due. */
  private boolean round(OutboxLane lane) throws InterruptedException, RoundFailed {
    long seen = wakes();
    try {
      if (dispatchOnce(lane) > 0) {
        return true;
      }
    } catch (SQLException | RuntimeException e) {
      throw new RoundFailed("[lane: " + lane.name() + "] outbox dispatch failed; leased rows are sent again when"
          + " their lease runs out", e);
    }
    idle(seen);
    return false;
  }

  /** New rows were written (by this process): look at once instead of at the end of the idle pause. */
  public void wake() {
    synchronized (signal) {
      wakes++;
      signal.notifyAll();
    }
  }

  private long wakes() {
    synchronized (signal) {
      return wakes;
    }
  }

  private void idle(long seen) throws InterruptedException {
    synchronized (signal) {
      if (wakes == seen) {
        signal.wait(idle.toMillis());
      }
    }
  }

  /** Leases, sends and records one batch of due rows in every lane; returns how many rows were handled. */
  public int dispatchOnce() throws SQLException {
    int handled = 0;
    try {
      for (OutboxLane lane : lanes) {
        handled += dispatchOnce(lane);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return handled;
  }

  private int dispatchOnce(OutboxLane lane) throws SQLException, InterruptedException {
    UUID token = UUID.randomUUID();
    long leasedAt = System.nanoTime();
    List<OutboxRow> rows;
    try (Connection c = dataSource.getConnection()) {
      rows = OutboxRepository.lease(c, lane.channels(), lane.batch(), lane.lease(), token);
    }
    if (rows.isEmpty()) {
      return 0;
    }
    new LeasedBatch(dataSource, channels, rows, token, leasedAt, lane.lease()).deliver();
    return rows.size();
  }

  /** 2 s, 4 s, 8 s … up to 5 minutes. */
  public static Duration backoff(int attempts) {
    return Duration.ofSeconds(Math.min(300, 1L << Math.min(attempts, 9)));
  }

  @Override
  public void close() {
    Worker.closeAll(workers);
    channels.values().forEach(Channel::close);
  }
}
