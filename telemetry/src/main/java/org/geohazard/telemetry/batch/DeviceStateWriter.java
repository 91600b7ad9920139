package org.geohazard.telemetry.batch;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps {@code device_state} (the latest health of each device) and the {@code device_status} history.
 * A status older than the one already known updates the history only; a partial status changes only the fields it
 * carries.
 */
final class DeviceStateWriter {
  private static final String INSERT_STATUS = """
      INSERT INTO device_status (device_id, ts, received_at, online, battery_v, rssi, temp_c, firmware)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING""";
  private static final String NEWER = "(s.status_at IS NULL OR EXCLUDED.status_at >= s.status_at)";
  private static final String UPSERT_STATE = """
      INSERT INTO device_state AS s (device_id, online, battery_v, rssi, temp_c, firmware, status_at, last_seen, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
      ON CONFLICT (device_id) DO UPDATE SET
          online    = CASE WHEN %1$s THEN coalesce(EXCLUDED.online, s.online) ELSE s.online END,
          battery_v = CASE WHEN %1$s THEN coalesce(EXCLUDED.battery_v, s.battery_v) ELSE s.battery_v END,
          rssi      = CASE WHEN %1$s THEN coalesce(EXCLUDED.rssi, s.rssi) ELSE s.rssi END,
          temp_c    = CASE WHEN %1$s THEN coalesce(EXCLUDED.temp_c, s.temp_c) ELSE s.temp_c END,
          firmware  = CASE WHEN %1$s THEN coalesce(EXCLUDED.firmware, s.firmware) ELSE s.firmware END,
          status_at = greatest(s.status_at, EXCLUDED.status_at),
          last_seen = greatest(s.last_seen, EXCLUDED.last_seen),
          updated_at = now()""".formatted(NEWER);
  // Telemetry means the device is connected, unless a later status (a Will) said otherwise. Sequence gaps count
  // only for sequence numbers beyond the highest seen, so a redelivered batch counts nothing twice. One statement for
  // all of a batch's devices: those new to the table are inserted, the others updated. Both parts see the table as
  // the statement found it, so a device another gateway inserted meanwhile is in neither (it is not returned): the
  // statement runs again for those few, and sees that gateway's row then.
  private static final String ACTIVITY = """
      WITH a AS (
          SELECT device_id, to_timestamp(last_seen_ms / 1000.0) AS last_seen, first_seq, last_seq, gaps
          FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
              AS a (device_id, last_seen_ms, first_seq, last_seq, gaps)),
      inserted AS (
          INSERT INTO device_state (device_id, online, last_seen, last_seq, missed_samples, updated_at)
          SELECT device_id, true, last_seen, last_seq, gaps, now() FROM a
          ON CONFLICT (device_id) DO NOTHING
          RETURNING device_id),
      updated AS (
          UPDATE device_state s SET
              online = CASE WHEN s.status_at IS NULL OR a.last_seen > s.status_at THEN true ELSE s.online END,
              last_seen = greatest(s.last_seen, a.last_seen),
              missed_samples = s.missed_samples + CASE
                  WHEN a.last_seq IS NULL OR s.last_seq >= a.last_seq THEN 0
                  WHEN s.last_seq IS NULL OR a.first_seq <= s.last_seq THEN a.gaps
                  ELSE a.gaps + a.first_seq - s.last_seq - 1 END,
              last_seq = greatest(s.last_seq, a.last_seq),
              updated_at = now()
          FROM a WHERE s.device_id = a.device_id
          RETURNING s.device_id)
      SELECT device_id FROM inserted UNION ALL SELECT device_id FROM updated""";
  /** A device is inserted by another writer at most once: a second round always finds its row. */
  private static final int ACTIVITY_ROUNDS = 3;
  private static final String INSERT_ACK = """
      INSERT INTO command_ack (device_id, command_id, ok, error, ts, received_at)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING""";

  void write(Connection connection, IngestBatch batch) throws SQLException {
    if (!batch.activity().isEmpty()) {
      writeActivity(connection, batch);
    }
    if (!batch.statuses().isEmpty()) {
      writeStatuses(connection, batch);
    }
    if (!batch.commandAcks().isEmpty()) {
      writeAcks(connection, batch);
    }
  }

  private static void writeActivity(Connection connection, IngestBatch batch) throws SQLException {
    List<DeviceActivity> left = batch.activity();
    for (int round = 1; !left.isEmpty(); round++) {
      if (round > ACTIVITY_ROUNDS) {
        throw new SQLException("device activity of " + left.size() + " devices not written: other writers kept"
            + " inserting them first");
      }
      Set<String> written = writeActivity(connection, left);
      left = left.stream().filter(activity -> !written.contains(activity.deviceId())).toList();
    }
  }

  /** Returns the devices written: all but those another writer inserted while the statement ran. */
  private static Set<String> writeActivity(Connection connection, List<DeviceActivity> all) throws SQLException {
    Set<String> written = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(ACTIVITY)) {
      statement.setArray(1, connection.createArrayOf("text", all.stream().map(DeviceActivity::deviceId).toArray()));
      statement.setArray(2, bigints(connection, all, DeviceActivity::lastSeenMillis));
      statement.setArray(3, bigints(connection, all, DeviceActivity::firstSeq));
      statement.setArray(4, bigints(connection, all, DeviceActivity::lastSeq));
      statement.setArray(5, bigints(connection, all, DeviceActivity::gapsWithin));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          written.add(rows.getString(1));
        }
      }
    }
    return written;
  }

  private static Array bigints(Connection connection, List<DeviceActivity> all, Function<DeviceActivity, Long> field)
      throws SQLException {
    return connection.createArrayOf("bigint", all.stream().map(field).toArray());
  }

  private static void writeStatuses(Connection connection, IngestBatch batch) throws SQLException {
    try (PreparedStatement history = connection.prepareStatement(INSERT_STATUS);
        PreparedStatement state = connection.prepareStatement(UPSERT_STATE)) {
      for (StatusRow status : batch.statuses()) {
        history.setString(1, status.deviceId());
        history.setTimestamp(2, new Timestamp(status.tsMillis()));
        history.setTimestamp(3, new Timestamp(status.receivedAtMillis()));
        setHealth(history, 4, status);
        history.addBatch();

        state.setString(1, status.deviceId());
        setHealth(state, 2, status);
        state.setTimestamp(7, new Timestamp(status.tsMillis()));
        state.setTimestamp(8, new Timestamp(status.receivedAtMillis()));
        state.addBatch();
      }
      history.executeBatch();
      state.executeBatch();
    }
  }

  /** Sets online, battery, rssi, temperature and firmware from the given parameter index on. */
  private static void setHealth(PreparedStatement statement, int first, StatusRow status) throws SQLException {
    statement.setObject(first, status.online(), Types.BOOLEAN);
    statement.setObject(first + 1, status.batteryVolts(), Types.REAL);
    statement.setObject(first + 2, status.rssi(), Types.INTEGER);
    statement.setObject(first + 3, status.temperatureC(), Types.REAL);
    statement.setString(first + 4, status.firmware());
  }

  private static void writeAcks(Connection connection, IngestBatch batch) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_ACK)) {
      for (CommandAckRow ack : batch.commandAcks()) {
        insert.setString(1, ack.deviceId());
        insert.setString(2, ack.commandId());
        insert.setBoolean(3, ack.ok());
        insert.setString(4, ack.error());
        insert.setTimestamp(5, new Timestamp(ack.tsMillis()));
        insert.setTimestamp(6, new Timestamp(ack.receivedAtMillis()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
