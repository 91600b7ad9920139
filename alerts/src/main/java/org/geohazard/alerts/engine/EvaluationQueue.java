package org.geohazard.alerts.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points waiting for evaluation, each at most once however many batches touched it, and one thread that evaluates
 * them in turn, so evaluation never holds up ingest. The set is bounded by the number of points in the registry;
 * a point whose evaluation fails is tried again after a pause. The set lives in memory only: what a crash loses,
 * {@link PendingEvaluations} finds again at the next start, and an orderly stop drains it first.
 */
public final class EvaluationQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluationQueue.class);

  private final DataSource dataSource;
  private final PointEvaluator evaluator;
  private final Consumer<Evaluation> onEvaluated;
  private final LinkedHashSet<String> pending = new LinkedHashSet<>();
  private final Thread thread;
  private volatile boolean running = true;
  private boolean busy;

  public EvaluationQueue(DataSource dataSource, PointEvaluator evaluator, Consumer<Evaluation> onEvaluated) {
    this.dataSource = dataSource;
    this.evaluator = evaluator;
    this.onEvaluated = onEvaluated;
    this.thread = new Thread(this::run, "alert-evaluator");
  }

  public void start() {
    thread.start();
  }

  public void submit(Collection<String> points) {
    if (points.isEmpty()) {
      return;
    }
    synchronized (pending) {
      pending.addAll(points);
      pending.notifyAll();
    }
  }

  /** Points waiting now. */
  public int pending() {
    synchronized (pending) {
      return pending.size();
    }
  }

  private void run() {
    while (running) {
      String point;
      try {
        point = next();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try (Connection connection = dataSource.getConnection()) {
        onEvaluated.accept(evaluator.evaluate(connection, point));
      } catch (SQLException | RuntimeException e) {
        LOG.warn("[point: {}] evaluation failed ({}); trying again shortly", point, e.getMessage());
        submit(java.util.List.of(point));
        pause();
      } finally {
        synchronized (pending) {
          busy = false;
          pending.notifyAll();
        }
      }
    }
  }

  private String next() throws InterruptedException {
    synchronized (pending) {
      while (pending.isEmpty()) {
        pending.wait();
      }
      Iterator<String> first = pending.iterator();
      String point = first.next();
      first.remove();
      busy = true;
      return point;
    }
  }

  private void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits, at most {@code limit}, until every waiting point has been evaluated; call it once nothing submits any
   * more (the intake and its writer stopped). Returns the points still waiting, which the next start finds again.
   */
  public int drain(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (pending) {
      while ((busy || !pending.isEmpty()) && thread.isAlive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        pending.wait(Math.max(1, left / 1_000_000));
      }
      return pending.size() + (busy ? 1 : 0);
    }
  }

  /** Stops at once; points still waiting are found again at the next start. See {@link #drain}. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
  }
}
