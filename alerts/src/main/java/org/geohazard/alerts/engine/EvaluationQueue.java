package org.geohazard.alerts.engine;

import java.sql.Connection;
import java.sql.SQLException;
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
 * a point whose evaluation fails is tried again after a pause.
 */
public final class EvaluationQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluationQueue.class);

  private final DataSource dataSource;
  private final PointEvaluator evaluator;
  private final Consumer<Evaluation> onEvaluated;
  private final LinkedHashSet<String> pending = new LinkedHashSet<>();
  private final Thread thread;
  private volatile boolean running = true;

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

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
  }
}
