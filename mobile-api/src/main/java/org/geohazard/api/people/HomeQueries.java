package org.geohazard.api.people;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.geohazard.registry.households.Households;

/**
 * What residents read about themselves: their home, their points, their claims that wait for (or were refused by) the
 * staff, and the open warnings at their points.
 */
final class HomeQueries {
  static final int MAX_WARNINGS = 100;
  private static final String RESIDENT_POINTS = """
      SELECT p.code, p.name, r.origin FROM person_role r JOIN hazard_point p ON p.code = r.point_code
      WHERE r.person_id = ? AND r.role = 'resident' ORDER BY p.code""";
  /**
   * Public alerts only (warnings and manual alerts, never device health), open, at the caller's resident points, with
   * the caller's check-in and their latest call for help (who took it on, so the app can show who is coming).
   */
  private static final String WARNINGS = """
      SELECT a.id, a.point_code, p.name, a.kind, a.level, a.title, a.drill, a.raised_at, a.answered_at,
             p.evacuation_plan, c.status, c.note, c.at, h.state, tb.name, tb.phone, h.taken_at
      FROM alert a JOIN hazard_point p ON p.code = a.point_code
      LEFT JOIN check_in c ON c.alert_id = a.id AND c.person_id = ?
      LEFT JOIN LATERAL (SELECT hr.state, hr.taken_by, hr.taken_at FROM help_request hr
                         WHERE hr.alert_id = a.id AND hr.person_id = c.person_id ORDER BY hr.id DESC LIMIT 1) h
          ON true
      LEFT JOIN person tb ON tb.id = h.taken_by
      WHERE a.closed_at IS NULL AND a.kind IN ('warning', 'manual')
        AND EXISTS (SELECT 1 FROM person_role r
                    WHERE r.person_id = ? AND r.role = 'resident' AND r.point_code = a.point_code)
      ORDER BY CASE a.level WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 WHEN 'blue' THEN 3 ELSE 4 END,
               a.raised_at DESC, a.id DESC
      LIMIT ?""";

  private HomeQueries() {
  }

  static JsonObject home(Connection c, long person) throws SQLException {
    Optional<Households.Home> home = Households.home(c, person);
    JsonArray points = new JsonArray();
    try (PreparedStatement s = c.prepareStatement(RESIDENT_POINTS)) {
      s.setLong(1, person);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          points.add(new JsonObject().put("code", r.getString(1)).put("name", r.getString(2))
              .put("origin", r.getString(3)));
        }
      }
    }
    return new JsonObject().put("home", home.map(h -> new JsonObject().put("lat", h.lat()).put("lon", h.lon()))
        .orElse(null)).put("points", points)
        .put("claims", HomeClaimRepository.mine(c, person));
  }

  static JsonArray warnings(Connection c, long person) throws SQLException {
    JsonArray warnings = new JsonArray();
    try (PreparedStatement s = c.prepareStatement(WARNINGS)) {
      s.setLong(1, person);
      s.setLong(2, person);
      s.setInt(3, MAX_WARNINGS);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String plan = r.getString(10);
          JsonObject checkIn = r.getString(11) == null ? null : new JsonObject().put("status", r.getString(11))
              .put("note", r.getString(12)).put("at", time(r.getTimestamp(13))).put("help", help(r));
          warnings.add(new JsonObject().put("id", r.getLong(1)).put("point", r.getString(2))
              .put("point_name", r.getString(3)).put("kind", r.getString(4)).put("level", r.getString(5))
              .put("title", r.getString(6)).put("state", r.getTimestamp(9) == null ? "open" : "answered")
              .put("drill", r.getBoolean(7)).put("raised_at", time(r.getTimestamp(8)))
              .put("guidance", plan == null ? null : new JsonObject(plan)).put("check_in", checkIn));
        }
      }
    }
    return warnings;
  }

  /** The caller's latest call for help on the alert: its state and, once taken on, who is coming. */
  private static JsonObject help(ResultSet r) throws SQLException {
    if (r.getString(14) == null) {
      return null;
    }
    return new JsonObject().put("state", r.getString(14)).put("taken_by", r.getString(15) == null ? null
        : new JsonObject().put("name", r.getString(15)).put("phone", r.getString(16)))
        .put("taken_at", time(r.getTimestamp(17)));
  }

  private static String time(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }
}
