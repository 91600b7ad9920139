package org.geohazard.alerts.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: leases due rows (FOR UPDATE SKIP LOCKED, so several gateways share the work), hands them to
 * their channel, and records each row's outcome — sent, retried later with backoff, or failed. A dispatcher that dies
 * between sending and recording leaves its rows leased; when the lease runs out they are sent again: delivery is
 * at least once, never lost.
 */
public final class OutboxDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final int BATCH = 1_000;
  private static final int MAX_ATTEMPTS = 12;

  private final DataSource dataSource;
  private final Map<String, Channel> channels;
  private final Duration lease;
  private final Duration idle;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  private final Object signal = new Object();
  private boolean woken;

  /** @param workers threads leasing and sending at once (a village's thousands of messages go out in parallel) */
  public OutboxDispatcher(DataSource dataSource, Map<String, Channel> channels, Duration lease, Duration idle,
      int workers) {
    this.dataSource = dataSource;
    this.channels = Map.copyOf(channels);
    this.lease = lease;
    this.idle = idle;
    for (int i = 0; i < workers; i++) {
      threads.add(new Thread(this::run, "outbox-dispatcher-" + i));
    }
  }

  public void start() {
    threads.forEach(Thread::start);
  }

  private void run() {
    while (running) {
      try {
        if (dispatchOnce() == 0) {
          idle();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        LOG.warn("Outbox dispatch failed ({}); leased rows are sent again when their lease runs out",
            e.getMessage());
        sleepQuietly();
      }
    }
  }

  /** New rows were written (by this process): look at once instead of at the end of the idle pause. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void idle() throws InterruptedException {
    synchronized (signal) {
      if (!woken) {
        signal.wait(idle.toMillis());
      }
      woken = false;
    }
  }

  /** Leases, sends and records one batch of due rows; returns how many rows were handled. */
  public int dispatchOnce() throws SQLException {
    List<OutboxRow> rows;
    try (Connection c = dataSource.getConnection()) {
      rows = OutboxRepository.lease(c, BATCH, lease);
    }
    if (rows.isEmpty()) {
      return 0;
    }
    Map<String, List<OutboxRow>> byChannel = new LinkedHashMap<>();
    rows.forEach(row -> byChannel.computeIfAbsent(row.channel(), k -> new ArrayList<>()).add(row));
    Map<Long, Outcome> outcomes = new HashMap<>();
    byChannel.forEach((name, channelRows) -> outcomes.putAll(send(name, channelRows)));
    for (OutboxRow row : rows) {
      Outcome outcome = outcomes.get(row.id());
      if (outcome != null && outcome.kind() == Outcome.Kind.RETRY && row.attempts() >= MAX_ATTEMPTS) {
        outcomes.put(row.id(), Outcome.failed("gave up after " + row.attempts() + " attempts: " + outcome.error(),
            outcome.result()));
      }
    }
    try (Connection c = dataSource.getConnection()) {
      OutboxRepository.record(c, outcomes);
    }
    return rows.size();
  }

  private Map<Long, Outcome> send(String name, List<OutboxRow> rows) {
    Channel channel = channels.get(name);
    Map<Long, Outcome> outcomes = new HashMap<>();
    if (channel == null) {
      rows.forEach(row -> outcomes.put(row.id(), Outcome.failed("channel " + name + " is not configured", null)));
      return outcomes;
    }
    try {
      outcomes.putAll(channel.send(rows));
    } catch (Exception e) {
      LOG.warn("[channel: {}] sending {} messages failed: {}", name, rows.size(), e.toString());
      rows.forEach(row -> outcomes.put(row.id(), Outcome.retry(backoff(row.attempts()), e.toString(), null)));
    }
    for (OutboxRow row : rows) {
      outcomes.putIfAbsent(row.id(), Outcome.retry(backoff(row.attempts()), "no outcome from the channel", null));
    }
    return outcomes;
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
  }
}
