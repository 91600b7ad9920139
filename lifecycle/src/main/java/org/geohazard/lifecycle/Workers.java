package org.geohazard.lifecycle;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Where a node's workers are made, so that every one of them runs the same way ({@link Worker}) and is seen by the
 * node (its rounds and failures in /metrics). The workers are started and stopped by the parts that own them, in the
 * order the node stops: intake, writers, engine.
 */
public final class Workers {
  private final Consumer<Worker> onCreated;

  /** Workers nobody watches (tests, tools). */
  public Workers() {
    this(worker -> { });
  }

  /** @param onCreated told of each worker as it is made (to count it in the node's metrics) */
  public Workers(Consumer<Worker> onCreated) {
    this.onCreated = onCreated;
  }

  /** A worker whose rounds run back to back, each waiting for its own work; not started. */
  public Worker loop(String name, Worker.Round round) {
    return loop(name, 1, Backoff.DEFAULT, round);
  }

  /** A worker of {@code threads} threads running the same rounds back to back; not started. */
  public Worker loop(String name, int threads, Backoff backoff, Worker.Round round) {
    return made(new Worker(name, threads, null, backoff, round));
  }

  /** A worker that runs a round after each {@code period} (or at once when woken); not started. */
  public Worker every(String name, Duration period, Worker.Round round) {
    return made(new Worker(name, 1, period, Backoff.DEFAULT, round));
  }

  private Worker made(Worker worker) {
    onCreated.accept(worker);
    return worker;
  }
}
