package org.geohazard.api.monitors;

import io.vertx.core.json.JsonArray;
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
import org.geohazard.api.Statements;
import org.geohazard.api.alerts.Scope;

/** Danger reports and the duty room's decision on each. */
final class ReportQueries {
  private static final String INSERT = """
      INSERT INTO danger_report (point_code, person_id, signs, description, suggested_level, latitude, longitude,
          drill, from_public)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";
  private static final String FILED_SINCE = "SELECT count(*) FROM danger_report WHERE person_id = ? AND reported_at > ?";
  private static final String COLUMNS = """
      SELECT a.id, a.point_code, p.name, a.reported_at, a.signs, a.description, a.suggested_level, a.latitude,
             a.longitude, a.drill, a.state, a.alert_id, a.decided_at, a.decided_by, a.decision_note,
             a.person_id, pe.name, pe.phone, a.from_public
      FROM danger_report a JOIN hazard_point p ON p.code = a.point_code JOIN person pe ON pe.id = a.person_id""";
  private static final String LOCK = """
      SELECT a.point_code, p.name, a.suggested_level, a.signs, a.description, a.state
      FROM danger_report a JOIN hazard_point p ON p.code = a.point_code WHERE a.id = ? FOR UPDATE OF a""";
  private static final String DECIDE = """
      UPDATE danger_report SET state = ?, alert_id = ?, decided_at = now(), decided_by = ?, decision_note = ?
      WHERE id = ? AND state = 'open'""";

  /** A new report. */
  /** @param fromPublic filed by a resident, not by the point's staff */
  record NewReport(String point, long person, List<String> signs, String description, String level,
      double[] location, boolean drill, boolean fromPublic) {
  }

  /** Filters of the report list; null means any. */
  record Filter(String point, String state, Long before, int limit) {
  }

  /** A report as locked for a decision. */
  record Locked(String point, String pointName, String level, List<String> signs, String description,
      String state) {
  }

  private ReportQueries() {
  }

  static long insert(Connection c, NewReport report) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, report.point());
      s.setLong(2, report.person());
      s.setArray(3, c.createArrayOf("text", report.signs().toArray()));
      s.setString(4, report.description());
      s.setString(5, report.level());
      s.setObject(6, report.location() == null ? null : report.location()[0], Types.DOUBLE);
      s.setObject(7, report.location() == null ? null : report.location()[1], Types.DOUBLE);
      s.setBoolean(8, report.drill());
      s.setBoolean(9, report.fromPublic());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** One report, when the caller may see it. */
  static Optional<JsonObject> find(Connection c, long person, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE a.id = ? AND " + Ledger.REPORT.visible)) {
      s.setLong(1, id);
      s.setLong(2, person);
      s.setLong(3, person);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        JsonObject report = report(r);
        PhotoQueries.attach(c, Ledger.REPORT, List.of(report));
        return Optional.of(report);
      }
    }
  }

  /** How many reports the person filed after the time. */
  static long filedSince(Connection c, long person, Instant since) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FILED_SINCE)) {
      s.setLong(1, person);
      s.setTimestamp(2, Timestamp.from(since));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** The reports the caller may see, newest first. */
  static List<JsonObject> list(Connection c, long person, Filter filter) throws SQLException {
    StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE ").append(Scope.STAFF);
    List<Object> params = new ArrayList<>(List.of(person));
    if (filter.point() != null) {
      sql.append(" AND a.point_code = ?");
      params.add(filter.point());
    }
    if (filter.state() != null) {
      sql.append(" AND a.state = ?");
      params.add(filter.state());
    }
    if (filter.before() != null) {
      sql.append(" AND a.id < ?");
      params.add(filter.before());
    }
    sql.append(" ORDER BY a.id DESC LIMIT ?");
    params.add(filter.limit());
    List<JsonObject> reports = new ArrayList<>();
    try (PreparedStatement s = Statements.prepare(c, sql.toString(), params)) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          reports.add(report(r));
        }
      }
    }
    PhotoQueries.attach(c, Ledger.REPORT, reports);
    return reports;
  }

  /** Locks the report for a decision (inside the caller's transaction). */
  static Locked lock(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LOCK)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new Locked(r.getString(1), r.getString(2), r.getString(3), List.of((String[]) r.getArray(4).getArray()),
            r.getString(5), r.getString(6));
      }
    }
  }

  /** Records the decision on an open report: 'alert_raised' with the alert, or 'dismissed'. */
  static boolean decide(Connection c, long id, String state, Long alert, long person, String note)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DECIDE)) {
      s.setString(1, state);
      s.setObject(2, alert, Types.BIGINT);
      s.setLong(3, person);
      s.setString(4, note);
      s.setLong(5, id);
      return s.executeUpdate() == 1;
    }
  }

  private static JsonObject report(ResultSet r) throws SQLException {
    Timestamp decided = r.getTimestamp(13);
    return new JsonObject()
        .put("id", r.getLong(1))
        .put("point", r.getString(2))
        .put("point_name", r.getString(3))
        .put("reported_at", r.getTimestamp(4).toInstant().toString())
        .put("signs", new JsonArray(List.of((Object[]) r.getArray(5).getArray())))
        .put("description", r.getString(6))
        .put("suggested_level", r.getString(7))
        .put("location", PatrolQueries.location(r, 8))
        .put("drill", r.getBoolean(10))
        .put("from_public", r.getBoolean(19))
        .put("state", r.getString(11))
        .put("alert_id", (Long) r.getObject(12))
        .put("decided_at", decided == null ? null : decided.toInstant().toString())
        .put("decided_by", (Long) r.getObject(14))
        .put("decision_note", r.getString(15))
        .put("reporter", new JsonObject().put("id", r.getLong(16)).put("name", r.getString(17))
            .put("phone", r.getString(18)));
  }
}
