package org.geohazard.telemetry.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.geohazard.lifecycle.RoundFailed;
import org.geohazard.lifecycle.Worker;
import org.geohazard.lifecycle.Workers;
import org.geohazard.registry.DeviceDirectory;
import org.geohazard.telemetry.batch.BatchWriter;
import org.geohazard.telemetry.batch.IngestBatch;
import org.geohazard.telemetry.decode.BatchBuilder;
import org.geohazard.telemetry.decode.MessageDecoder;
import org.geohazard.telemetry.message.InboundMessage;
import org.geohazard.telemetry.message.Topics;

/**
 * Writes what the live lane takes: the readings only, on a worker and a connection of its own, then hands their
 * points to the warning engine. Everything else of a message — device activity, sequence gaps, dead letters — is left
 * to the session's copy, which the writer stores in order later (its readings then are already there, and stored
 * once). Whatever cannot be written here (a full queue, a database error) is dropped: the session's copy carries it.
 */
public final class LiveWriter implements AutoCloseable {
  private static final int QUEUE = 10_000;
  private static final int BATCH = 1_000;
  /**
   * Messages a second the lane takes at most: far above what a county's devices send, so after an outage every fresh
   * message comes through; under an overload of fresh messages, the lane (whose readings the session delivers again)
   * does not double the database's work.
   */
  static final int MAX_PER_SECOND = 1_000;

  private final DataSource dataSource;
  private final MessageDecoder decoder;
  private final RegistryCache registry;
  private final Consumer<Set<String>> onStored;
  private final BlockingQueue<InboundMessage> queue = new ArrayBlockingQueue<>(QUEUE);
  private final BatchWriter writer = new BatchWriter();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final List<InboundMessage> batch = new ArrayList<>(BATCH);
  private final Worker worker;
  private long second;
  private int takenThisSecond;

  /** @param onStored the points that got readings, after their commit */
  public LiveWriter(Workers workers, IngestConfig config, DataSource dataSource, Topics topics,
      Consumer<Set<String>> onStored) {
    this.dataSource = dataSource;
    this.decoder = new MessageDecoder(topics, config);
    this.registry = new RegistryCache(config.registryRefresh());
    this.onStored = onStored;
    this.worker = workers.loop("live-writer", this::round);
  }

  public void start() {
    worker.start();
  }

  /**
   * Never waits: a message beyond {@value #MAX_PER_SECOND} this second, or that does not fit in the queue, is dropped
   * (the session delivers it later). Called from the lane's one MQTT thread.
   */
  public void offer(InboundMessage message) {
    long now = System.nanoTime() / 1_000_000_000L;
    if (now != second) {
      second = now;
      takenThisSecond = 0;
    }
    if (++takenThisSecond > MAX_PER_SECOND || !queue.offer(message)) {
      dropped.incrementAndGet();
    }
  }

  /** Readings written through the lane (new ones, not already stored). */
  public long stored() {
    return stored.get();
  }

  public long dropped() {
    return dropped.get();
  }

  private boolean round() throws InterruptedException, RoundFailed {
    batch.add(queue.take());
    queue.drainTo(batch, BATCH - 1);
    try {
      write(batch);
      return true;
    } catch (SQLException | RuntimeException e) {
      dropped.addAndGet(batch.size());
      throw new RoundFailed("Live lane: " + batch.size() + " messages not written; the session delivers them", e);
    } finally {
      batch.clear();
    }
  }

  private void write(List<InboundMessage> batch) throws SQLException {
    BatchBuilder builder = new BatchBuilder();
    try (Connection connection = dataSource.getConnection()) {
      DeviceDirectory directory = registry.current(connection, batch, message -> false);
      for (InboundMessage message : batch) {
        decoder.decode(message, directory, builder);
      }
      IngestBatch readings = new IngestBatch(builder.build().readings(), List.of(), List.of(), List.of(), List.of());
      if (readings.readings().isEmpty()) {
        return;
      }
      stored.addAndGet(writer.write(connection, readings).readingsStored());
    }
    onStored.accept(builder.points());
  }

  @Override
  public void close() {
    worker.close();
  }
}
