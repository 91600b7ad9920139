package org.geohazard.telemetry.batch;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.geohazard.storage.Database;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a batch in one transaction: readings through COPY into a session-local staging table and one
 * {@code INSERT ... ON CONFLICT DO NOTHING}, so a reading sent or delivered twice is stored once (a sample without
 * a time first gets the receive time of its first delivery, by its device's sequence number); then device state,
 * statuses, command acknowledgements and dead letters. Blocking: runs on the writer's own thread.
 */
public final class BatchWriter {
  private static final String CREATE_STAGE = """
      CREATE TEMP TABLE IF NOT EXISTS reading_stage (
          sensor_id integer, ts_ms bigint, value double precision, flags smallint, received_ms bigint,
          device_id text, seq bigint
      ) ON COMMIT DELETE ROWS""";
  private static final String COPY_STAGE =
      "COPY reading_stage (sensor_id, ts_ms, value, flags, received_ms, device_id, seq) FROM STDIN";
  private static final String MERGE_STAGE = """
      INSERT INTO reading (sensor_id, ts, value, flags, received_at)
      SELECT sensor_id, timestamptz 'epoch' + ts_ms * INTERVAL '1 millisecond', value, flags,
             timestamptz 'epoch' + received_ms * INTERVAL '1 millisecond'
      FROM reading_stage
      ON CONFLICT DO NOTHING""";

  private final DeviceStateWriter deviceState = new DeviceStateWriter();

  public BatchResult write(Connection connection, IngestBatch batch) throws SQLException {
    return Database.inTransaction(connection, c -> {
      int stored = batch.readings().isEmpty() ? 0 : writeReadings(c, batch);
      deviceState.write(c, batch);
      DeadLetterWriter.write(c, batch.deadLetters());
      return new BatchResult(stored, batch.readings().size() - stored, batch.deadLetters().size(),
          batch.statuses().size());
    });
  }

  private static int writeReadings(Connection connection, IngestBatch batch) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(CREATE_STAGE);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn(COPY_STAGE, new StringReader(copyText(batch)));
      if (batch.readings().stream().anyMatch(row -> row.untimed() != null)) {
        SampleReceipts.applyFirstReceiveTimes(statement);
      }
      return statement.executeUpdate(MERGE_STAGE);
    } catch (IOException e) {
      throw new SQLException("COPY of readings failed", e);
    }
  }

  private static String copyText(IngestBatch batch) {
    StringBuilder text = new StringBuilder(batch.readings().size() * 48);
    for (ReadingRow row : batch.readings()) {
      text.append(row.sensorId()).append('\t')
          .append(row.tsMillis()).append('\t')
          .append(row.value()).append('\t')
          .append(row.flags()).append('\t')
          .append(row.receivedAtMillis()).append('\t');
      if (row.untimed() == null) {
        text.append("\\N\t\\N\n");
      } else {
        text.append(copyEscaped(row.untimed().deviceId())).append('\t').append(row.untimed().seq()).append('\n');
      }
    }
    return text.toString();
  }

  private static String copyEscaped(String text) {
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }
}
