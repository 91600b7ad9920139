package org.geohazard.alerts.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.geohazard.lifecycle.RoundFailed;
import org.geohazard.lifecycle.Worker;
import org.geohazard.lifecycle.Workers;

/**
 * Points waiting for evaluation, each at most once however many batches touched it, and one worker that evaluates
 * them in turn, so evaluation never holds up ingest. The set is bounded by the number of points in the registry;
 * a point whose evaluation fails waits again, behind the others, and the worker pauses ({@link Worker}). The set lives in memory only: what a crash loses,
 * {@link PendingEvaluations} finds again at the next start, and an orderly stop drains it first.
 */
public final class EvaluationQueue implements AutoCloseable {
  private final DataSource dataSource;
  private final PointEvaluator evaluator;
  private final Consumer<Evaluation> onEvaluated;
  private final LinkedHashSet<String> pending = new LinkedHashSet<>();
  private final Worker worker;
  private boolean busy;

  public EvaluationQueue(Workers workers, DataSource dataSource, PointEvaluator evaluator, Consumer<Evaluation> onEvaluated) {
    this.dataSource = dataSource;
    this.evaluator = evaluator;
    this.onEvaluated = onEvaluated;
    this.worker = workers.loop("alert-evaluator", this::round);
  }

  public void start() {
    worker.start();
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

  private boolean round() throws InterruptedException, RoundFailed {
    String point = next();
    try (Connection connection = dataSource.getConnection()) {
      onEvaluated.accept(evaluator.evaluate(connection, point));
      return true;
    } catch (SQLException | RuntimeException e) {
      submit(List.of(point));
      throw new RoundFailed("[point: " + point + "] evaluation failed; it is tried again", e);
    } finally {
      synchronized (pending) {
        busy = false;
        pending.notifyAll();
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

  /**
   * Waits, at most {@code limit}, until every waiting point has been evaluated; call it once nothing submits any
   * more (the intake and its writer stopped). Returns the points still waiting, which the next start finds again.
   */
  public int drain(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (pending) {
      while ((busy || !pending.isEmpty()) && worker.alive()) {
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
  public void close() {
    worker.close();
  }
}
