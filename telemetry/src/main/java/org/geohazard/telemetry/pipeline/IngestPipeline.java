package org.geohazard.telemetry.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.geohazard.lifecycle.Backoff;
import org.geohazard.lifecycle.Worker;
import org.geohazard.lifecycle.Workers;
import org.geohazard.registry.DeviceDirectory;
import org.geohazard.telemetry.batch.BatchResult;
import org.geohazard.telemetry.batch.BatchWriter;
import org.geohazard.telemetry.decode.BatchBuilder;
import org.geohazard.telemetry.decode.MessageDecoder;
import org.geohazard.telemetry.message.Acknowledger;
import org.geohazard.telemetry.message.InboundMessage;
import org.geohazard.telemetry.message.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From delivered messages to committed rows, then acknowledgements. Messages wait in a bounded queue (when it is
 * full the MQTT client's thread waits, and the broker stops sending); one writer ({@link Worker}) takes up to a batch of them,
 * decodes them, writes them in one transaction and only then acknowledges them to the broker. While the database is
 * unavailable the same batch is retried with backoff and nothing is acknowledged, so nothing is lost and the
 * broker keeps the rest. A batch the database refuses for its content is written message by message, and the one
 * that cannot be stored becomes a dead letter.
 */
public final class IngestPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
  private static final int BEHIND_BATCHES = 5;
  /** A batch whose newest sample is older than this brings history, not news. */
  private static final long STALE_AFTER_MILLIS = 5_000;
  private static final int STALE_BATCHES = 3;

  private final IngestConfig config;
  private final DataSource dataSource;
  private final MessageDecoder decoder;
  private final Topics topics;
  private final Acknowledger acknowledger;
  private final Consumer<StoredBatch> onStored;
  private final BlockingQueue<InboundMessage> queue;
  private final BatchWriter writer = new BatchWriter();
  private final RegistryCache registry;
  private final Backoff retry;
  private final List<InboundMessage> batch;
  private final Worker worker;
  /** When the writer last stored a batch or found nothing to do. */
  private volatile long progressAt = System.nanoTime();
  private volatile int inHand;
  /** Full batches, or batches after which messages were already waiting, in a row: the writer is behind. */
  private volatile int behind;
  /** Batches in a row whose newest sample was already stale when it arrived: the session hands over a backlog. */
  private volatile int stale;
  private long newestSampleMillis;

  public IngestPipeline(Workers workers, IngestConfig config, int queueCapacity, DataSource dataSource, Topics topics,
      Acknowledger acknowledger, Consumer<StoredBatch> onStored) {
    this.config = config;
    this.dataSource = dataSource;
    this.topics = topics;
    this.decoder = new MessageDecoder(topics, config);
    this.acknowledger = acknowledger;
    this.onStored = onStored;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.registry = new RegistryCache(config.registryRefresh());
    this.retry = new Backoff(Duration.ofMillis(100), config.retryMaxBackoff());
    this.batch = new ArrayList<>(config.batchMaxMessages());
    this.worker = workers.loop("ingest-writer", this::round);
  }

  public void start() {
    worker.start();
  }

  /** Hands a delivered message to the writer; waits while the queue is full. */
  public void submit(InboundMessage message) throws InterruptedException {
    queue.put(message);
  }

  public int queued() {
    return queue.size();
  }

  /**
   * Whether the writer is working through a backlog: each of its last {@value #BEHIND_BATCHES} batches was full, or
   * had the next messages waiting when it was stored. Work that can wait (chart rollups) gives way meanwhile.
   */
  public boolean backlogged() {
    return behind >= BEHIND_BATCHES;
  }

  /**
   * Whether fresher readings may be waiting behind what the writer gets: each of its last {@value #STALE_BATCHES}
   * batches with readings brought none taken in the last 5 s when it arrived — the broker hands over a queue (after an
   * outage, at whatever pace the broker drains it), or the writer has fallen that far behind. A device uploading its
   * own history does not count: other devices' fresh readings come in the same batches.
   */
  public boolean behind() {
    return stale >= STALE_BATCHES;
  }

  /**
   * Why the writer cannot be trusted, or empty while it works: its thread has stopped, or it has stored nothing for
   * longer than {@code stuckAfter} while messages wait (a database that does not answer, a lock, a retry loop).
   */
  public Optional<String> trouble(Duration stuckAfter) {
    if (!worker.alive()) {
      return Optional.of("the ingest writer has stopped");
    }
    long silentNanos = System.nanoTime() - progressAt;
    int waiting = queue.size() + inHand;
    if (waiting > 0 && silentNanos > stuckAfter.toNanos()) {
      return Optional.of("the ingest writer has stored nothing for " + silentNanos / 1_000_000_000L
          + " s while " + waiting + " messages wait");
    }
    return Optional.empty();
  }

  /** One batch: store() settles it whatever happens to the database; only a bug or a stop ends it otherwise. */
  private boolean round() throws InterruptedException {
    try {
      if (!collect(batch)) {
        return false;
      }
      inHand = batch.size();
      store(batch);
      return true;
    } finally {
      batch.clear();
      inHand = 0;
    }
  }

  private boolean collect(List<InboundMessage> batch) throws InterruptedException {
    InboundMessage first = queue.poll(200, TimeUnit.MILLISECONDS);
    if (first == null) {
      progressAt = System.nanoTime();
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

  /**
   * Writes the batch until it is stored, then acknowledges it. An unavailable database is waited for as long as it
   * takes; any other failure (a refusal that is not about the content, a bug, an Error) is retried a few times and
   * then the batch is written message by message, the message that still fails becoming a dead letter.
   */
  private void store(List<InboundMessage> batch) throws InterruptedException {
    int attempts = 0;
    int failures = 0;
    boolean reported = false;
    while (true) {
      StoredBatch stored;
      try {
        stored = write(batch, failures >= config.attemptsBeforeIsolation());
      } catch (SQLException | RuntimeException | Error e) {
        if (worker.stopping()) {
          throw new InterruptedException("stopping with an unwritten batch; the broker will redeliver it");
        }
        if (StorageErrors.isUnavailable(e)) {
          if (!reported) {
            SQLException sql = (SQLException) e;
            LOG.warn("Cannot write {} messages ({}: {}); retrying, nothing is acknowledged meanwhile",
                batch.size(), sql.getSQLState(), sql.getMessage());
            reported = true;
          }
        } else {
          failures++;
          LOG.error("Writing {} messages failed unexpectedly (attempt {}); {}", batch.size(), failures,
              failures >= config.attemptsBeforeIsolation() ? "writing them one by one next"
                  : "retrying, nothing is acknowledged meanwhile", e);
        }
        Thread.sleep(retry.pause(++attempts).toMillis());
        continue;
      }
      if (reported) {
        LOG.info("Database available again: writing readings");
      }
      batch.forEach(this::acknowledge);
      progressAt = System.nanoTime();
      boolean keptBusy = batch.size() >= config.batchMaxMessages() || !queue.isEmpty();
      behind = keptBusy ? Math.min(behind + 1, BEHIND_BATCHES) : 0;
      if (newestSampleMillis != Long.MIN_VALUE) {
        boolean history = stored.messages().get(0).receivedAtMillis() - newestSampleMillis > STALE_AFTER_MILLIS;
        stale = history ? Math.min(stale + 1, STALE_BATCHES) : 0;
      }
      afterCommit(stored);
      return;
    }
  }

  private StoredBatch write(List<InboundMessage> batch, boolean isolate) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      DeviceDirectory directory = registry.current(connection, batch, this::fromUnknownDevice);
      BatchBuilder builder = new BatchBuilder();
      for (InboundMessage message : batch) {
        decode(message, directory, builder);
      }
      newestSampleMillis = builder.newestSampleMillis();
      BatchResult result = isolate ? new MessageIsolation(writer, decoder).write(connection, batch, directory)
          : writeOrIsolate(connection, batch, directory, builder);
      return new StoredBatch(List.copyOf(batch), result, builder.points());
    }
  }

  private void decode(InboundMessage message, DeviceDirectory directory, BatchBuilder builder) {
    try {
      decoder.decode(message, directory, builder);
    } catch (RuntimeException | Error e) {
      decoder.rejected(message, "could not be decoded: " + e, builder);
    }
  }

  /** The data is stored: a failed acknowledgement only means the broker sends the message again (stored once). */
  private void acknowledge(InboundMessage message) {
    try {
      acknowledger.acknowledge(message);
    } catch (RuntimeException e) {
      LOG.warn("[topic: {}] stored, but the acknowledgement failed ({}); the broker will send it again",
          message.topic(), e.toString());
    }
  }

  private void afterCommit(StoredBatch stored) {
    try {
      onStored.accept(stored);
    } catch (RuntimeException | Error e) {
      // the readings are committed and acknowledged; what follows a commit must not stop the next batch
      LOG.error("Work after storing {} messages failed; the writer goes on", stored.messages().size(), e);
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
  public void close() {
    worker.close();
  }
}
