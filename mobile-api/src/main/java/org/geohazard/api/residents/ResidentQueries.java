package org.geohazard.api.residents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Removing push tokens, check-ins and the roll call of an alert (registration: {@link PushTokenRegistry}). */
final class ResidentQueries {
  private static final String REMOVE = "DELETE FROM push_token WHERE token = ? AND person_id = ?";
  private static final String CHECK_IN = """
      INSERT INTO check_in (alert_id, person_id, status, note, latitude, longitude, recorded_by, recorded_via)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (alert_id, person_id) DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note,
          latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, recorded_by = EXCLUDED.recorded_by,
          recorded_via = EXCLUDED.recorded_via, at = now()""";
  /** Whether the person is on the alert's roll call: a resident of its point, and the alert a public one. */
  private static final String RESIDENT_OF_ALERT = """
      SELECT 1 FROM alert a JOIN person_role r ON r.point_code = a.point_code AND r.role = 'resident'
      WHERE a.id = ? AND r.person_id = ? AND a.kind IN ('warning', 'manual')""";
  /** Each resident with their check-in, who recorded it, and their latest call for help on the alert. */
  private static final String ROLL_CALL = """
      SELECT p.id, p.name, p.phone, coalesce(c.status, 'no_answer'), c.note, c.at,
             c.recorded_by, rb.name, c.recorded_via,
             h.id, h.state, h.asked_at, h.taken_by, tb.name, tb.phone, h.taken_at, h.reminders, h.escalated_at
      FROM alert a
      JOIN person_role r ON r.point_code = a.point_code AND r.role = 'resident'
      JOIN person p ON p.id = r.person_id
      LEFT JOIN check_in c ON c.alert_id = a.id AND c.person_id = p.id
      LEFT JOIN person rb ON rb.id = c.recorded_by
      LEFT JOIN LATERAL (SELECT * FROM help_request hr WHERE hr.alert_id = a.id AND hr.person_id = p.id
                         ORDER BY hr.id DESC LIMIT 1) h ON true
      LEFT JOIN person tb ON tb.id = h.taken_by
      WHERE a.id = ?
      ORDER BY CASE coalesce(c.status, 'no_answer') WHEN 'need_help' THEN 0 WHEN 'no_answer' THEN 1
               WHEN 'evacuated' THEN 2 ELSE 3 END, p.name""";

  private ResidentQueries() {
  }

  static boolean remove(Connection c, long person, String token) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(REMOVE)) {
      s.setString(1, token);
      s.setLong(2, person);
      return s.executeUpdate() > 0;
    }
  }

  /** A check-in; {@code recordedBy} and {@code via} are null when the resident made it in the app. */
  static void checkIn(Connection c, long alert, long person, String status, String note, Double lat, Double lon,
      Long recordedBy, String via) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CHECK_IN)) {
      s.setLong(1, alert);
      s.setLong(2, person);
      s.setString(3, status);
      s.setString(4, note);
      s.setObject(5, lat, Types.DOUBLE);
      s.setObject(6, lon, Types.DOUBLE);
      s.setObject(7, recordedBy, Types.BIGINT);
      s.setString(8, via);
      s.executeUpdate();
    }
  }

  static JsonObject rollCall(Connection c, long alert) throws SQLException {
    JsonArray residents = new JsonArray();
    JsonObject counts = new JsonObject().put("safe", 0).put("evacuated", 0).put("need_help", 0).put("no_answer", 0)
        .put("help_waiting", 0);
    try (PreparedStatement s = c.prepareStatement(ROLL_CALL)) {
      s.setLong(1, alert);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String status = r.getString(4);
          counts.put(status, counts.getInteger(status) + 1);
          if ("open".equals(r.getString(11))) {
            // a call for help nobody has taken on yet
            counts.put("help_waiting", counts.getInteger("help_waiting") + 1);
          }
          residents.add(new JsonObject().put("person", r.getLong(1)).put("name", r.getString(2))
              .put("phone", r.getString(3)).put("status", status).put("note", r.getString(5))
              .put("at", time(r, 6)).put("recorded_by", r.getObject(7) == null ? null
                  : new JsonObject().put("id", r.getLong(7)).put("name", r.getString(8)))
              .put("recorded_via", r.getString(9)).put("help", help(r)));
        }
      }
    }
    return new JsonObject().put("counts", counts).put("residents", residents);
  }

  static boolean residentOf(Connection c, long alert, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RESIDENT_OF_ALERT)) {
      s.setLong(1, alert);
      s.setLong(2, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** The resident's latest call for help on the alert, or null. */
  private static JsonObject help(ResultSet r) throws SQLException {
    if (r.getObject(10) == null) {
      return null;
    }
    return new JsonObject().put("id", r.getLong(10)).put("state", r.getString(11)).put("asked_at", time(r, 12))
        .put("taken_by", r.getObject(13) == null ? null
            : new JsonObject().put("id", r.getLong(13)).put("name", r.getString(14)).put("phone", r.getString(15)))
        .put("taken_at", time(r, 16)).put("reminders", r.getInt(17)).put("escalated_at", time(r, 18));
  }

  private static String time(ResultSet r, int column) throws SQLException {
    return r.getTimestamp(column) == null ? null : r.getTimestamp(column).toInstant().toString();
  }
}
