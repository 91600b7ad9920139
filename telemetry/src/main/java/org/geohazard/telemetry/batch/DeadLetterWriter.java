package org.geohazard.telemetry.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

final class DeadLetterWriter {
  private static final String INSERT = """
      INSERT INTO dead_letter (received_at, topic, device_id, reason, detail, payload, payload_size)
      VALUES (?, ?, ?, ?, ?, ?, ?)""";

  private DeadLetterWriter() {
  }

  static void write(Connection connection, List<DeadLetterRow> deadLetters) throws SQLException {
    if (deadLetters.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (DeadLetterRow row : deadLetters) {
        insert.setTimestamp(1, new Timestamp(row.receivedAtMillis()));
        insert.setString(2, row.topic());
        insert.setString(3, row.deviceId());
        insert.setString(4, row.reason());
        insert.setString(5, row.detail());
        insert.setBytes(6, row.payload());
        insert.setInt(7, row.payloadSize());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
