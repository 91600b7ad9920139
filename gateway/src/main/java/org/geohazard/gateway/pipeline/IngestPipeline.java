package org.geohazard.gateway.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.geohazard.gateway.decode.BatchBuilder;
import org.geohazard.gateway.decode.MessageDecoder;
import org.geohazard.gateway.mqtt.Acknowledger;
import org.geohazard.gateway.mqtt.InboundMessage;
import org.geohazard.gateway.mqtt.Topics;
import org.geohazard.ingest.batch.BatchResult;
import org.geohazard.ingest.batch.BatchWriter;
import org.geohazard.ingest.registry.DeviceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From delivered messages to committed rows, then acknowledgements. Messages wait in a bounded queue (when it is
 * full the MQTT client's thread waits, and the broker stops sending); one writer thread takes up to a batch of them,
 * decodes them, writes them in one transaction and only then acknowledges them to the broker. While the database is
 * unavailable the same batch is retried with backoff and nothing is acknowledged, so nothing is lost and the
 * broker keeps the rest. A batch the database refuses for its content is written message by message, and the one
 * that cannot be stored becomes a dead letter.
 */
public final class IngestPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  private final IngestConfig config;
  private final DataSource dataSource;
  private final MessageDecoder decoder;
  private final Topics topics;
  private final Acknowledger acknowledger;
  private final Consumer<StoredBatch> onStored;
  private final BlockingQueue<InboundMessage> queue;
  private final BatchWriter writer = new BatchWriter();
  private final RegistryCache registry;
  private final Thread thread;
  private volatile boolean running = true;

  public IngestPipeline(IngestConfig config, int queueCapacity, DataSource dataSource, Topics topics,
      Acknowledger acknowledger, Consumer<StoredBatch> onStored) {
    this.config = config;
    this.dataSource = dataSource;
    this.topics = topics;
    this.decoder = new MessageDecoder(topics, config);
    this.acknowledger = acknowledger;
    this.onStored = onStored;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.registry = new RegistryCache(config.registryRefresh());
    this.thread = new Thread(this::run, "ingest-writer");
  }

  public void start() {
    thread.start();
  }

  /** Hands a delivered message to the writer; waits while the queue is full. */
  public void submit(InboundMessage message) throws InterruptedException {
    queue.put(message);
  }

  public int queued() {
    return queue.size();
  }

  private void run() {
    List<InboundMessage> batch = new ArrayList<>(config.batchMaxMessages());
    while (running) {
      try {
        if (collect(batch)) {
          store(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Unacknowledged messages come back from the broker after a reconnect; keep the writer alive.
        LOG.error("Ingest writer failed on a batch of {} messages; they stay unacknowledged", batch.size(), e);
      } finally {
        batch.clear();
      }
    }
  }

  private boolean collect(List<InboundMessage> batch) throws InterruptedException {
    InboundMessage first = queue.poll(200, TimeUnit.MILLISECONDS);
    if (first == null) {
      return false;
    }
    batch.add(first);
    long deadline = System.nanoTime() + config.flushInterval().toNanos();
    while (batch.size() < config.batchMaxMessages()) {
      if (queue.drainTo(batch, config.batchMaxMessages() - batch.size()) > 0) {
        continue;
      }
      long wait = deadline - System.nanoTime();
      InboundMessage next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        break;
      }
      batch.add(next);
    }
    return true;
  }

  private void store(List<InboundMessage> batch) throws InterruptedException {
    long backoff = 100;
    boolean reported = false;
    while (true) {
      try (Connection connection = dataSource.getConnection()) {
        DeviceDirectory directory = registry.current(connection, batch, this::fromUnknownDevice);
        BatchBuilder builder = new BatchBuilder();
        for (InboundMessage message : batch) {
          decoder.decode(message, directory, builder);
        }
        BatchResult result = writeOrIsolate(connection, batch, directory, builder);
        batch.forEach(acknowledger::acknowledge);
        if (reported) {
          LOG.info("Database available again: writing readings");
        }
        onStored.accept(new StoredBatch(List.copyOf(batch), result, builder.points()));
        return;
      } catch (SQLException e) {
        if (!running) {
          throw new InterruptedException("stopping with an unwritten batch; the broker will redeliver it");
        }
        if (!reported) {
          LOG.warn("Cannot write {} messages ({}: {}); retrying, nothing is acknowledged meanwhile",
              batch.size(), e.getSQLState(), e.getMessage());
          reported = true;
        }
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, config.retryMaxBackoff().toMillis());
      }
    }
  }

  private boolean fromUnknownDevice(InboundMessage message) {
    DeviceDirectory directory = registry.lastLoaded();
    return topics.parse(message.topic())
        .map(topic -> directory == null || directory.device(topic.deviceId()).isEmpty())
        .orElse(false);
  }

  private BatchResult writeOrIsolate(Connection connection, List<InboundMessage> batch, DeviceDirectory directory,
      BatchBuilder builder) throws SQLException {
    try {
      return writer.write(connection, builder.build());
    } catch (SQLException e) {
      if (!StorageErrors.isContentError(e)) {
        throw e;
      }
      LOG.warn("The database refused a batch for its content ({}: {}); writing its messages one by one",
          e.getSQLState(), e.getMessage());
      return new MessageIsolation(writer, decoder).write(connection, batch, directory);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
  }
}
