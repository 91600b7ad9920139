package org.geohazard.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker pool with a bounded queue: beyond its threads, at most {@code queue} pieces of work wait; more are refused
 * at once with a {@link RejectedExecutionException} (the API answers 503 busy), so a flood costs memory for a bounded
 * number of waiting requests, never more.
 */
final class BoundedWorkers implements AutoCloseable {
  private final WorkerExecutor executor;
  private final int limit;
  private final String refusal;
  private final AtomicInteger pending = new AtomicInteger();

  BoundedWorkers(Vertx vertx, String name, int threads, int queue, String refusal) {
    this.executor = vertx.createSharedWorkerExecutor(name, threads, 60, TimeUnit.SECONDS);
    this.limit = threads + queue;
    this.refusal = refusal;
  }

  <T> Future<T> run(Callable<T> work) {
    if (pending.incrementAndGet() > limit) {
      pending.decrementAndGet();
      return Future.failedFuture(new RejectedExecutionException(refusal));
    }
    return executor.executeBlocking(work, false).andThen(done -> pending.decrementAndGet());
  }

  @Override
  public void close() {
    executor.close();
  }
}
