package org.geohazard.gateway.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.geohazard.gateway.decode.BatchBuilder;
import org.geohazard.gateway.decode.MessageDecoder;
import org.geohazard.gateway.mqtt.InboundMessage;
import org.geohazard.ingest.batch.BatchResult;
import org.geohazard.ingest.batch.BatchWriter;
import org.geohazard.ingest.registry.DeviceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a refused batch message by message; a message the database refuses becomes a dead letter. */
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
      BatchBuilder single = new BatchBuilder();
      decoder.decode(message, directory, single);
      BatchResult result;
      try {
        result = writer.write(connection, single.build());
      } catch (SQLException e) {
        if (!StorageErrors.isContentError(e)) {
          throw e;
        }
        LOG.warn("[topic: {}] message refused by the database: {}", message.topic(), e.getMessage());
        BatchBuilder rejected = new BatchBuilder();
        decoder.rejected(message, e.getSQLState() + " " + e.getMessage(), rejected);
        result = writer.write(connection, rejected.build());
      }
      stored += result.readingsStored();
      duplicate += result.readingsDuplicate();
      deadLetters += result.deadLetters();
      statuses += result.statuses();
    }
    return new BatchResult(stored, duplicate, deadLetters, statuses);
  }
}
