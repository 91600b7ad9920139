package org.geohazard.telemetry.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.geohazard.registry.DeviceDirectory;
import org.geohazard.telemetry.batch.BatchResult;
import org.geohazard.telemetry.batch.BatchWriter;
import org.geohazard.telemetry.decode.BatchBuilder;
import org.geohazard.telemetry.decode.MessageDecoder;
import org.geohazard.telemetry.message.InboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a refused batch message by message; a message the database refuses, or whose writing fails in a way
 * nobody expected, becomes a dead letter with the reason. An unavailable database still stops the whole batch (it
 * is retried as a whole, nothing acknowledged), and so does a dead letter that cannot be written.
 */
final class MessageIsolation {
  private static final Logger LOG = LoggerFactory.getLogger(MessageIsolation.class);

  private final BatchWriter writer;
  private final MessageDecoder decoder;

  MessageIsolation(BatchWriter writer, MessageDecoder decoder) {
    this.writer = writer;
    this.decoder = decoder;
  }

  BatchResult write(Connection connection, List<InboundMessage> batch, DeviceDirectory directory)
      throws SQLException {
    int stored = 0;
    int duplicate = 0;
    int deadLetters = 0;
    int statuses = 0;
    for (InboundMessage message : batch) {
      BatchResult result;
      try {
        BatchBuilder single = new BatchBuilder();
        decoder.decode(message, directory, single);
        result = writer.write(connection, single.build());
      } catch (SQLException e) {
        if (StorageErrors.isUnavailable(e)) {
          throw e;
        }
        result = deadLetter(connection, message, e.getSQLState() + " " + e.getMessage());
      } catch (RuntimeException | Error e) {
        result = deadLetter(connection, message, e.toString());
      }
      stored += result.readingsStored();
      duplicate += result.readingsDuplicate();
      deadLetters += result.deadLetters();
      statuses += result.statuses();
    }
    return new BatchResult(stored, duplicate, deadLetters, statuses);
  }

  private BatchResult deadLetter(Connection connection, InboundMessage message, String why) throws SQLException {
    LOG.warn("[topic: {}] message refused by the database: {}", message.topic(), why);
    BatchBuilder rejected = new BatchBuilder();
    decoder.rejected(message, why, rejected);
    return writer.write(connection, rejected.build());
  }
}
