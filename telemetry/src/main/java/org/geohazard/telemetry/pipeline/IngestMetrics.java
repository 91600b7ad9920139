package org.geohazard.telemetry.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ingest meters for /metrics, and a periodic one-line summary in the log. */
public final class IngestMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(IngestMetrics.class);

  private final Counter messages;
  private final Counter stored;
  private final Counter duplicates;
  private final Counter deadLetters;
  private final Timer commitLatency;
  private final AtomicLong storedSinceSummary = new AtomicLong();
  private final AtomicLong deadSinceSummary = new AtomicLong();

  public IngestMetrics(MeterRegistry registry, Supplier<Number> queued) {
    messages = Counter.builder("geohazard.ingest.messages").description("MQTT messages written").register(registry);
    stored = Counter.builder("geohazard.readings.stored").description("new readings committed").register(registry);
    duplicates = Counter.builder("geohazard.readings.duplicate")
        .description("readings received again and not stored twice").register(registry);
    deadLetters = Counter.builder("geohazard.dead.letters").description("messages kept as dead letters")
        .register(registry);
    commitLatency = Timer.builder("geohazard.ingest.commit.latency")
        .description("from a message's arrival at the gateway to its commit")
        .publishPercentiles(0.5, 0.99).register(registry);
    Gauge.builder("geohazard.ingest.queued", queued).description("messages waiting for the writer").register(registry);
  }

  /** The live lane's meters: whether it is open, readings it stored first, messages it had to leave to the session. */
  public static void liveLane(MeterRegistry registry, java.util.function.BooleanSupplier open, LiveWriter writer) {
    Gauge.builder("geohazard.live.lane.open", () -> open.getAsBoolean() ? 1 : 0)
        .description("1 while the live lane takes fresh telemetry beside the session").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("geohazard.live.lane.readings.stored", writer,
        LiveWriter::stored).description("readings the live lane stored before the session delivered them")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("geohazard.live.lane.dropped", writer,
        LiveWriter::dropped).description("messages the live lane left to the session (queue full, database error)")
        .register(registry);
  }

  public void record(StoredBatch batch) {
    messages.increment(batch.messages().size());
    stored.increment(batch.result().readingsStored());
    duplicates.increment(batch.result().readingsDuplicate());
    deadLetters.increment(batch.result().deadLetters());
    commitLatency.record(Duration.ofNanos(System.nanoTime() - batch.oldestArrivalNanos()));
    storedSinceSummary.addAndGet(batch.result().readingsStored());
    deadSinceSummary.addAndGet(batch.result().deadLetters());
  }

  /** Logs what was stored since the last summary, if anything. */
  public void logSummary(Duration period) {
    long readings = storedSinceSummary.getAndSet(0);
    long dead = deadSinceSummary.getAndSet(0);
    if (readings > 0 || dead > 0) {
      LOG.info("Stored {} readings in the last {} s ({} dead letters)", readings, period.toSeconds(), dead);
    }
  }
}
