package org.geohazard.api.duty;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.geohazard.alerts.AlertActions;
import org.geohazard.api.Times;

/** The outbox rows of an alert as the duty room reads them: who or which device, by which channel, with what result. */
final class DeliveryQueries {
  static final List<String> STATES = List.of("pending", "sending", "sent", "failed", "superseded", "expired");
  private static final String ROWS = """
      SELECT o.id, o.channel, o.purpose, o.state, o.attempts, o.drill, o.created_at, o.next_attempt_at, o.sent_at,
             o.last_error, o.person_id, pe.name, pe.phone, roles.list, o.device_id, dv.model
      FROM outbox o
      JOIN alert a ON a.id = o.alert_id
      JOIN hazard_point p ON p.code = a.point_code
      LEFT JOIN person pe ON pe.id = o.person_id
      LEFT JOIN device dv ON dv.id = o.device_id
      LEFT JOIN LATERAL (
          SELECT array_agg(DISTINCT r.role ORDER BY r.role) AS list FROM person_role r
          WHERE r.person_id = o.person_id
            AND (r.point_code = a.point_code OR r.role = 'admin'
                 OR (r.role IN ('duty_officer', 'leader') AND r.county = p.county))) roles ON true
      WHERE o.alert_id = ? AND (?::text IS NULL OR o.state = ?) AND (?::text IS NULL OR o.channel = ?)
        AND o.id > ?
      ORDER BY o.id LIMIT ?""";
  private static final String SUMMARY =
      "SELECT channel, state, count(*) FROM outbox WHERE alert_id = ? GROUP BY channel, state ORDER BY channel";
  private static final String ACKS = """
      SELECT k.device_id, k.command_id, k.ok, k.error, k.ts
      FROM command_ack k JOIN unnest(?::text[], ?::text[]) AS w (device_id, command_id)
        ON k.device_id = w.device_id AND k.command_id = w.command_id""";

  /** Filters of the delivery list; null means any. */
  record Filter(String state, String channel, long after, int limit) {
  }

  private DeliveryQueries() {
  }

  static List<JsonObject> rows(Connection c, long alert, Filter filter) throws SQLException {
    List<JsonObject> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(ROWS)) {
      s.setLong(1, alert);
      s.setString(2, filter.state());
      s.setString(3, filter.state());
      s.setString(4, filter.channel());
      s.setString(5, filter.channel());
      s.setLong(6, filter.after());
      s.setInt(7, filter.limit());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(row(r));
        }
      }
    }
    addAcknowledgements(c, rows);
    return rows;
  }

  /** Counts of the alert's rows by channel and state, every state present for every channel used. */
  static JsonObject summary(Connection c, long alert) throws SQLException {
    JsonObject byChannel = new JsonObject();
    long total = 0;
    try (PreparedStatement s = c.prepareStatement(SUMMARY)) {
      s.setLong(1, alert);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          JsonObject states = byChannel.getJsonObject(r.getString(1));
          if (states == null) {
            states = new JsonObject();
            for (String state : STATES) {
              states.put(state, 0L);
            }
            byChannel.put(r.getString(1), states);
          }
          states.put(r.getString(2), r.getLong(3));
          total += r.getLong(3);
        }
      }
    }
    return new JsonObject().put("total", total).put("by_channel", byChannel);
  }

  private static JsonObject row(ResultSet r) throws SQLException {
    JsonObject row = new JsonObject().put("id", r.getLong(1)).put("channel", r.getString(2))
        .put("purpose", r.getString(3)).put("state", r.getString(4)).put("attempts", r.getInt(5))
        .put("drill", r.getBoolean(6)).put("created_at", Times.text(r.getTimestamp(7)))
        .put("next_attempt_at", Times.text(r.getTimestamp(8))).put("sent_at", Times.text(r.getTimestamp(9)))
        .put("last_error", r.getString(10));
    Object person = r.getObject(11);
    if (person == null) {
      row.putNull("person");
    } else {
      Array roles = r.getArray(14);
      row.put("person", new JsonObject().put("id", r.getLong(11)).put("name", r.getString(12))
          .put("phone", r.getString(13))
          .put("roles", roles == null ? new JsonArray() : new JsonArray(List.of((Object[]) roles.getArray()))));
    }
    String device = r.getString(15);
    row.put("device", device == null ? null : new JsonObject().put("id", device).put("model", r.getString(16)));
    boolean command = device != null && (row.getString("channel").equals("siren")
        || row.getString("channel").equals("sampling"));
    row.put("command", command ? new JsonObject().put("id", AlertActions.commandId(r.getLong(1)))
        .put("acknowledged", false).putNull("ok").putNull("error").putNull("acknowledged_at") : null);
    return row;
  }

  /** Whether each command of the page was acknowledged on cmd/ack, under the id its channel gave it. */
  private static void addAcknowledgements(Connection c, List<JsonObject> rows) throws SQLException {
    Map<String, JsonObject> commands = new HashMap<>();
    for (JsonObject row : rows) {
      JsonObject command = row.getJsonObject("command");
      if (command != null) {
        commands.put(row.getJsonObject("device").getString("id") + "\n" + command.getString("id"), command);
      }
    }
    if (commands.isEmpty()) {
      return;
    }
    List<String> devices = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    commands.keySet().forEach(key -> {
      devices.add(key.substring(0, key.indexOf('\n')));
      ids.add(key.substring(key.indexOf('\n') + 1));
    });
    try (PreparedStatement s = c.prepareStatement(ACKS)) {
      s.setArray(1, c.createArrayOf("text", devices.toArray()));
      s.setArray(2, c.createArrayOf("text", ids.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          commands.get(r.getString(1) + "\n" + r.getString(2)).put("acknowledged", true).put("ok", r.getBoolean(3))
              .put("error", r.getString(4)).put("acknowledged_at", Times.text(r.getTimestamp(5)));
        }
      }
    }
  }
}
