package org.geohazard.alerts.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. Each lane (a set of channels) has threads of its own that lease due rows (FOR UPDATE SKIP
 * LOCKED, so several gateways share the work) under a lease token, hand them to their channel and record each row's
 * outcome — sent, retried later with backoff, failed, or expired — fenced by that token as soon as the channel returns.
 * A dispatcher that dies between sending and recording leaves its rows leased; when the lease runs out they are sent
 * again: delivery is at least once, never lost. Before each call of a channel its rows are claimed and their lease
 * stretched to cover the call, so a slow channel never lets another dispatcher send the same row meanwhile. No
 * attempt count ends a row: it is retried until it is delivered, its channel gives up on it, or its time to live
 * (counted from when it was written) runs out.
 */
public final class OutboxDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final int BATCH = 1_000;

  private final DataSource dataSource;
  private final Map<String, Channel> channels;
  private final List<OutboxLane> lanes;
  private final Duration idle;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  private final Object signal = new Object();
  private long wakes;

  /** Every channel in one lane (tests, and deployments with only fast channels). */
  public OutboxDispatcher(DataSource dataSource, Map<String, Channel> channels, Duration lease, Duration idle,
      int workers) {
    this(dataSource, channels, List.of(new OutboxLane("outbox", channels.keySet(), workers, BATCH, lease)), idle);
  }

  public OutboxDispatcher(DataSource dataSource, Map<String, Channel> channels, List<OutboxLane> lanes,
      Duration idle) {
    this.dataSource = dataSource;
    this.channels = Map.copyOf(channels);
    this.lanes = List.copyOf(lanes);
    this.idle = idle;
    for (OutboxLane lane : this.lanes) {
      for (int i = 0; i < lane.workers(); i++) {
        threads.add(new Thread(() -> run(lane), "outbox-" + lane.name() + "-" + i));
      }
    }
  }

  public void start() {
    threads.forEach(Thread::start);
  }

  private void run(OutboxLane lane) {
    while (running) {
      try {
        long seen = wakes();
        if (dispatchOnce(lane) == 0) {
          idle(seen);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return; // stopping: the interrupt cut a call short; its leased rows are sent again after the lease
        }
        LOG.warn("[lane: {}] outbox dispatch failed ({}); leased rows are sent again when their lease runs out",
            lane.name(), e.getMessage());
        sleepQuietly();
      }
    }
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

  private void sleepQuietly() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    channels.values().forEach(Channel::close);
  }
}
