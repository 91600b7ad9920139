package org.geohazard.api.residents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Push tokens, check-ins and the roll call of an alert. */
final class ResidentQueries {
  private static final String REGISTER = """
      INSERT INTO push_token (person_id, token, platform, language) VALUES (?, ?, ?, ?)
      ON CONFLICT (token) DO UPDATE SET person_id = EXCLUDED.person_id, platform = EXCLUDED.platform,
          language = EXCLUDED.language""";
  private static final String REMOVE = "DELETE FROM push_token WHERE token = ? AND person_id = ?";
  private static final String CHECK_IN = """
      INSERT INTO check_in (alert_id, person_id, status, note, latitude, longitude) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (alert_id, person_id) DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note,
          latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, at = now()""";
  private static final String ROLL_CALL = """
      SELECT p.id, p.name, p.phone, coalesce(c.status, 'no_answer'), c.note, c.at
      FROM alert a
      JOIN person_role r ON r.point_code = a.point_code AND r.role = 'resident'
      JOIN person p ON p.id = r.person_id
      LEFT JOIN check_in c ON c.alert_id = a.id AND c.person_id = p.id
      WHERE a.id = ?
      ORDER BY CASE coalesce(c.status, 'no_answer') WHEN 'need_help' THEN 0 WHEN 'no_answer' THEN 1
               WHEN 'evacuated' THEN 2 ELSE 3 END, p.name""";

  private ResidentQueries() {
  }

  static void register(Connection c, long person, String token, String platform, String language)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(REGISTER)) {
      s.setLong(1, person);
      s.setString(2, token);
      s.setString(3, platform);
      s.setString(4, language);
      s.executeUpdate();
    }
  }

  static boolean remove(Connection c, long person, String token) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(REMOVE)) {
      s.setString(1, token);
      s.setLong(2, person);
      return s.executeUpdate() > 0;
    }
  }

  static void checkIn(Connection c, long alert, long person, String status, String note, Double lat, Double lon)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CHECK_IN)) {
      s.setLong(1, alert);
      s.setLong(2, person);
      s.setString(3, status);
      s.setString(4, note);
      s.setObject(5, lat, Types.DOUBLE);
      s.setObject(6, lon, Types.DOUBLE);
      s.executeUpdate();
    }
  }

  static JsonObject rollCall(Connection c, long alert) throws SQLException {
    JsonArray residents = new JsonArray();
    JsonObject counts = new JsonObject().put("safe", 0).put("evacuated", 0).put("need_help", 0).put("no_answer", 0);
    try (PreparedStatement s = c.prepareStatement(ROLL_CALL)) {
      s.setLong(1, alert);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String status = r.getString(4);
          counts.put(status, counts.getInteger(status) + 1);
          residents.add(new JsonObject().put("person", r.getLong(1)).put("name", r.getString(2))
              .put("phone", r.getString(3)).put("status", status).put("note", r.getString(5))
              .put("at", r.getTimestamp(6) == null ? null : r.getTimestamp(6).toInstant().toString()));
        }
      }
    }
    return new JsonObject().put("counts", counts).put("residents", residents);
  }
}
