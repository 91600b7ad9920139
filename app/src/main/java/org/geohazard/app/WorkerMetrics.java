package org.geohazard.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.geohazard.lifecycle.Worker;

/** Each worker of the node in /metrics: rounds that did work, failed rounds, and whether its threads run. */
final class WorkerMetrics {
  private WorkerMetrics() {
  }

  static void bind(MeterRegistry registry, Worker worker) {
    FunctionCounter.builder("geohazard.worker.rounds", worker, Worker::rounds).tag("worker", worker.name())
        .description("rounds of background work that did something").register(registry);
    FunctionCounter.builder("geohazard.worker.failures", worker, Worker::failures).tag("worker", worker.name())
        .description("rounds of background work that failed (each followed by a pause)").register(registry);
    Gauge.builder("geohazard.worker.alive", worker, w -> w.alive() ? 1 : 0).tag("worker", worker.name())
        .description("1 while the worker's threads run").register(registry);
  }
}
