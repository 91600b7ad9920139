package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Set;

/**
 * Adds rows to the outbox; always inside the transaction of the change that causes them.
 *
 * <p>A change of an alert (purpose {@code notify} or {@code all_clear}) supersedes the alert's undelivered older
 * messages to the same people over the same channel: after a level change or the all-clear, nothing the alert said
 * before reaches them late. A device command supersedes the device's undelivered older command of the same type, so
 * an "on" still pending when the "off" is written is never sent. Rows written earlier in the same transaction are
 * never superseded by it (one change may tell one person two things).
 */
final class OutboxWriter {
  private static final Set<String> CHANGES = Set.of("notify", "all_clear");
  private static final Set<String> COMMANDS = Set.of("siren", "sampling");

  private static final String INSERT = """
      INSERT INTO outbox (alert_id, person_id, device_id, channel, purpose, payload, drill)
      VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)""";

  private static final String INSERT_MANY = """
      INSERT INTO outbox (alert_id, person_id, channel, purpose, payload, drill)
      SELECT ?, person, ?, ?, ?::jsonb, ? FROM unnest(?::bigint[]) AS person""";

  // created_at < now(): rows of earlier transactions only (now() is this transaction's start, their default)
  private static final String SUPERSEDE_PEOPLE = """
      UPDATE outbox SET state = 'superseded',
          lease = CASE WHEN state = 'sending' THEN lease END,
          last_error = 'superseded by a newer message of the alert'
      WHERE alert_id = ? AND channel = ? AND person_id = ANY (?) AND state IN ('pending', 'sending')
        AND created_at < now()""";

  private static final String NEXT_SEQ = """
      INSERT INTO device_command_seq AS s (device_id, seq) VALUES (?, 1)
      ON CONFLICT (device_id) DO UPDATE SET seq = s.seq + 1
      RETURNING seq""";

  private static final String SUPERSEDE_COMMAND = """
      UPDATE outbox SET state = 'superseded',
          lease = CASE WHEN state = 'sending' THEN lease END,
          last_error = 'superseded by a newer command'
      WHERE device_id = ? AND channel = ? AND state IN ('pending', 'sending')""";

  private static final String INSERT_COMMAND = """
      INSERT INTO outbox (alert_id, device_id, channel, purpose, payload, drill, seq)
      VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)""";

  private final Connection connection;
  private final PreparedStatement insert;
  private int rows;

  OutboxWriter(Connection connection) throws SQLException {
    this.connection = connection;
    this.insert = connection.prepareStatement(INSERT);
  }

  void toPerson(long alertId, long personId, String channel, String purpose, JsonObject payload, boolean drill)
      throws SQLException {
    if (CHANGES.contains(purpose)) {
      supersede(alertId, List.of(personId), channel);
    }
    add(alertId, personId, null, channel, purpose, payload, drill);
  }

  /** The same message to many people in one statement (a village's residents). */
  void toPeople(long alertId, List<Long> people, String channel, String purpose, JsonObject payload,
      boolean drill) throws SQLException {
    if (people.isEmpty()) {
      return;
    }
    if (CHANGES.contains(purpose)) {
      supersede(alertId, people, channel);
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT_MANY)) {
      insert.setLong(1, alertId);
      insert.setString(2, channel);
      insert.setString(3, purpose);
      insert.setString(4, payload.encode());
      insert.setBoolean(5, drill);
      insert.setArray(6, connection.createArrayOf("bigint", people.toArray()));
      rows += insert.executeUpdate();
    }
  }

  /**
   * A command (siren, sampling) or another message to a device. A command gets the device's next sequence number
   * ({@code seq}, in the row and in the command) and supersedes the device's undelivered older command of its type.
   */
  void toDevice(long alertId, String deviceId, String channel, String purpose, JsonObject payload, boolean drill)
      throws SQLException {
    if (!COMMANDS.contains(channel)) {
      add(alertId, null, deviceId, channel, purpose, payload, drill);
      return;
    }
    // taking the next number locks the device's counter row: commands to one device are written one at a time, so
    // the newest command always holds the highest number and sees every older one to supersede
    long seq = nextSeq(deviceId);
    try (PreparedStatement supersede = connection.prepareStatement(SUPERSEDE_COMMAND);
        PreparedStatement command = connection.prepareStatement(INSERT_COMMAND)) {
      supersede.setString(1, deviceId);
      supersede.setString(2, channel);
      supersede.executeUpdate();
      command.setLong(1, alertId);
      command.setString(2, deviceId);
      command.setString(3, channel);
      command.setString(4, purpose);
      command.setString(5, payload.copy().put("seq", seq).encode());
      command.setBoolean(6, drill);
      command.setLong(7, seq);
      rows += command.executeUpdate();
    }
  }

  private long nextSeq(String deviceId) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(NEXT_SEQ)) {
      s.setString(1, deviceId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private void supersede(long alertId, List<Long> people, String channel) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(SUPERSEDE_PEOPLE)) {
      s.setLong(1, alertId);
      s.setString(2, channel);
      s.setArray(3, connection.createArrayOf("bigint", people.toArray()));
      s.executeUpdate();
    }
  }

  private void add(long alertId, Long personId, String deviceId, String channel, String purpose, JsonObject payload,
      boolean drill) throws SQLException {
    insert.setLong(1, alertId);
    insert.setObject(2, personId, Types.BIGINT);
    insert.setString(3, deviceId);
    insert.setString(4, channel);
    insert.setString(5, purpose);
    insert.setString(6, payload.encode());
    insert.setBoolean(7, drill);
    insert.addBatch();
  }

  /** Writes the rows added so far; returns how many. */
  int flush() throws SQLException {
    rows += insert.executeBatch().length;
    insert.close();
    return rows;
  }
}
