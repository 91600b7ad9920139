package org.geohazard.api.duty;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geohazard.api.Times;
import org.geohazard.api.alerts.Scope;

/**
 * Drills as the duty room sees them: those at the points of the caller's counties, and the deployment-wide ones. The
 * alerts of a drill are those marked as drills that were raised while it ran, at its point or (deployment-wide) at any
 * point the caller may see.
 */
final class DrillQueries {
  private static final String COLUMNS = """
      SELECT d.id, d.point_code, p.name, p.county, d.note, d.started_at, d.started_by, sb.name, d.ended_at,
             d.ended_by, eb.name,
             (SELECT count(*) FROM alert a
              WHERE a.drill AND a.raised_at >= d.started_at AND (d.ended_at IS NULL OR a.raised_at < d.ended_at)
                AND (d.point_code IS NULL OR a.point_code = d.point_code) AND %s)
      FROM drill d
      LEFT JOIN hazard_point p ON p.code = d.point_code
      LEFT JOIN person sb ON sb.id = d.started_by
      LEFT JOIN person eb ON eb.id = d.ended_by
      CROSS JOIN LATERAL (SELECT d.point_code AS point_code) a
      WHERE (d.point_code IS NULL OR %s)""".formatted(Scope.VISIBLE, Scope.MAY_RESOLVE);
  private static final String LIST = COLUMNS + """
       AND (?::text IS NULL OR (? = 'running') = (d.ended_at IS NULL)) AND d.id < ?
      ORDER BY d.id DESC LIMIT ?""";
  private static final String FIND = COLUMNS + " AND d.id = ?";
  private static final String RUNNING =
      "SELECT id FROM drill WHERE ended_at IS NULL AND coalesce(point_code, '*') = coalesce(?, '*')";

  private DrillQueries() {
  }

  static List<JsonObject> list(Connection c, long person, String state, long before, int limit)
      throws SQLException {
    List<JsonObject> drills = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(LIST)) {
      s.setLong(1, person);
      s.setLong(2, person);
      s.setString(3, state);
      s.setString(4, state);
      s.setLong(5, before);
      s.setInt(6, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          drills.add(drill(r));
        }
      }
    }
    return drills;
  }

  static Optional<JsonObject> find(Connection c, long person, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND)) {
      s.setLong(1, person);
      s.setLong(2, person);
      s.setLong(3, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(drill(r)) : Optional.empty();
      }
    }
  }

  /** The id of the drill running at the point (null: the deployment-wide one). */
  static Optional<Long> running(Connection c, String point) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RUNNING)) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  private static JsonObject drill(ResultSet r) throws SQLException {
    String point = r.getString(2);
    return new JsonObject().put("id", r.getLong(1)).put("scope", point == null ? "deployment" : "point")
        .put("point", point).put("point_name", r.getString(3)).put("county", r.getString(4))
        .put("note", r.getString(5)).put("running", r.getTimestamp(9) == null)
        .put("started_at", Times.text(r.getTimestamp(6))).put("started_by", person(r, 7))
        .put("ended_at", Times.text(r.getTimestamp(9))).put("ended_by", person(r, 10))
        .put("alerts", r.getLong(12));
  }

  private static JsonObject person(ResultSet r, int column) throws SQLException {
    return r.getObject(column) == null ? null
        : new JsonObject().put("id", r.getLong(column)).put("name", r.getString(column + 1));
  }
}
