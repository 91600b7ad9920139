package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Adds rows to the outbox; always inside the transaction of the change that causes them. */
final class OutboxWriter {
  private static final String INSERT = """
      INSERT INTO outbox (alert_id, person_id, device_id, channel, purpose, payload, drill)
      VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)""";

  private static final String INSERT_MANY = """
      INSERT INTO outbox (alert_id, person_id, channel, purpose, payload, drill)
      SELECT ?, person, ?, ?, ?::jsonb, ? FROM unnest(?::bigint[]) AS person""";

  private final Connection connection;
  private final PreparedStatement insert;
  private int rows;

  OutboxWriter(Connection connection) throws SQLException {
    this.connection = connection;
    this.insert = connection.prepareStatement(INSERT);
  }

  void toPerson(long alertId, long personId, String channel, String purpose, JsonObject payload, boolean drill)
      throws SQLException {
    add(alertId, personId, null, channel, purpose, payload, drill);
  }

  /** The same message to many people in one statement (a village's residents). */
  void toPeople(long alertId, java.util.List<Long> people, String channel, String purpose, JsonObject payload,
      boolean drill) throws SQLException {
    if (people.isEmpty()) {
      return;
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

  void toDevice(long alertId, String deviceId, String channel, String purpose, JsonObject payload, boolean drill)
      throws SQLException {
    add(alertId, null, deviceId, channel, purpose, payload, drill);
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
