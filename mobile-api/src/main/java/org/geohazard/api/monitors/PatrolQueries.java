package org.geohazard.api.monitors;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geohazard.api.Cursor;
import org.geohazard.api.Statements;
import org.geohazard.api.alerts.Scope;

/** Patrol records of hazard points. */
final class PatrolQueries {
  private static final String INSERT = """
      INSERT INTO patrol (point_code, person_id, patrolled_at, findings, abnormal, latitude, longitude)
      VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""";
  private static final String COLUMNS = """
      SELECT a.id, a.point_code, p.name, a.patrolled_at, a.findings, a.abnormal, a.latitude, a.longitude,
             a.person_id, pe.name, a.created_at
      FROM patrol a JOIN hazard_point p ON p.code = a.point_code JOIN person pe ON pe.id = a.person_id""";

  /** A new patrol record. */
  record NewPatrol(String point, long person, Instant at, String findings, boolean abnormal, double[] location) {
  }

  /** One page of a point's patrols, newest first; null bounds mean open. */
  record Filter(String point, Instant from, Instant to, Cursor.TimeAndId after, int limit) {
  }

  private PatrolQueries() {
  }

  static long insert(Connection c, NewPatrol patrol) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, patrol.point());
      s.setLong(2, patrol.person());
      s.setTimestamp(3, Timestamp.from(patrol.at()));
      s.setString(4, patrol.findings());
      s.setBoolean(5, patrol.abnormal());
      s.setObject(6, patrol.location() == null ? null : patrol.location()[0], Types.DOUBLE);
      s.setObject(7, patrol.location() == null ? null : patrol.location()[1], Types.DOUBLE);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** One patrol, when the caller may see it. */
  static Optional<JsonObject> find(Connection c, long person, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE a.id = ? AND " + Scope.STAFF)) {
      s.setLong(1, id);
      s.setLong(2, person);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        JsonObject patrol = patrol(r);
        PhotoQueries.attach(c, Ledger.PATROL, List.of(patrol));
        return Optional.of(patrol);
      }
    }
  }

  /** A page of the point's patrols; the caller's access to the point is checked before. */
  static List<JsonObject> list(Connection c, Filter filter) throws SQLException {
    StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE a.point_code = ?");
    List<Object> params = new ArrayList<>(List.of(filter.point()));
    if (filter.from() != null) {
      sql.append(" AND a.patrolled_at >= ?");
      params.add(Timestamp.from(filter.from()));
    }
    if (filter.to() != null) {
      sql.append(" AND a.patrolled_at < ?");
      params.add(Timestamp.from(filter.to()));
    }
    if (filter.after() != null) {
      sql.append(" AND (a.patrolled_at, a.id) < (?, ?)");
      params.add(Timestamp.from(filter.after().at()));
      params.add(filter.after().id());
    }
    sql.append(" ORDER BY a.patrolled_at DESC, a.id DESC LIMIT ?");
    params.add(filter.limit());
    List<JsonObject> patrols = new ArrayList<>();
    try (PreparedStatement s = Statements.prepare(c, sql.toString(), params)) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          patrols.add(patrol(r));
        }
      }
    }
    PhotoQueries.attach(c, Ledger.PATROL, patrols);
    return patrols;
  }

  private static JsonObject patrol(ResultSet r) throws SQLException {
    return new JsonObject()
        .put("id", r.getLong(1))
        .put("point", r.getString(2))
        .put("point_name", r.getString(3))
        .put("patrolled_at", r.getTimestamp(4).toInstant().toString())
        .put("findings", r.getString(5))
        .put("abnormal", r.getBoolean(6))
        .put("location", location(r, 7))
        .put("patroller", new JsonObject().put("id", r.getLong(9)).put("name", r.getString(10)))
        .put("created_at", r.getTimestamp(11).toInstant().toString());
  }

  /** The location in columns {@code column} and {@code column + 1}, or null. */
  static JsonObject location(ResultSet r, int column) throws SQLException {
    double lat = r.getDouble(column);
    if (r.wasNull()) {
      return null;
    }
    return new JsonObject().put("lat", lat).put("lon", r.getDouble(column + 1));
  }
}
