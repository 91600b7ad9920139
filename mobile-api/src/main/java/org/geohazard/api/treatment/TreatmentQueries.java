package org.geohazard.api.treatment;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geohazard.api.Times;
import org.geohazard.api.alerts.Scope;

/** Treatment projects in the database; seen by the point's staff ({@link Scope#STAFF}). */
final class TreatmentQueries {
  /** More than a county runs in years. */
  private static final int MAX_LISTED = 1_000;
  private static final String COLUMNS = "a.id, a.point_code, p.name, p.county, a.name, a.method, a.stage,"
      + " a.started_on, a.completed_on, a.accepted_on, a.acceptance, a.funds_yuan, a.notes, a.created_at";
  private static final String FROM = " FROM treatment_project a JOIN hazard_point p ON p.code = a.point_code";
  private static final String INSERT = """
      INSERT INTO treatment_project (point_code, name, method, stage, started_on, completed_on, accepted_on,
          acceptance, funds_yuan, notes, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";
  private static final String UPDATE = """
      UPDATE treatment_project SET point_code = ?, name = ?, method = ?, stage = ?, started_on = ?, completed_on = ?,
          accepted_on = ?, acceptance = ?, funds_yuan = ?, notes = ?, updated_at = now()
      WHERE id = ?""";

  /** A project as a duty officer gives it. */
  record NewProject(String point, String name, String method, String stage, LocalDate startedOn,
      LocalDate completedOn, LocalDate acceptedOn, String acceptance, Long fundsYuan, String notes) {
  }

  /** Which projects to list. */
  record Filter(String county, String point, String stage) {
  }

  private TreatmentQueries() {
  }

  static long insert(Connection c, NewProject project, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      bind(s, project);
      s.setLong(11, person);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  static void update(Connection c, long id, NewProject project) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPDATE)) {
      bind(s, project);
      s.setLong(11, id);
      s.executeUpdate();
    }
  }

  private static void bind(PreparedStatement s, NewProject project) throws SQLException {
    s.setString(1, project.point());
    s.setString(2, project.name());
    s.setString(3, project.method());
    s.setString(4, project.stage());
    setDate(s, 5, project.startedOn());
    setDate(s, 6, project.completedOn());
    setDate(s, 7, project.acceptedOn());
    s.setString(8, project.acceptance());
    if (project.fundsYuan() == null) {
      s.setNull(9, Types.BIGINT);
    } else {
      s.setLong(9, project.fundsYuan());
    }
    s.setString(10, project.notes());
  }

  static void setDate(PreparedStatement s, int index, LocalDate day) throws SQLException {
    if (day == null) {
      s.setNull(index, Types.DATE);
    } else {
      s.setDate(index, Date.valueOf(day));
    }
  }

  static Optional<JsonObject> find(Connection c, long person, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + COLUMNS + FROM + " WHERE a.id = ? AND " + Scope.STAFF)) {
      s.setLong(1, id);
      s.setLong(2, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(project(r)) : Optional.empty();
      }
    }
  }

  static List<JsonObject> list(Connection c, long person, Filter filter) throws SQLException {
    String sql = "SELECT " + COLUMNS + FROM + " WHERE " + Scope.STAFF
        + " AND (?::text IS NULL OR p.county = ?) AND (?::text IS NULL OR a.point_code = ?)"
        + " AND (?::text IS NULL OR a.stage = ?) ORDER BY a.id DESC LIMIT " + MAX_LISTED;
    List<JsonObject> items = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, person);
      s.setString(2, filter.county());
      s.setString(3, filter.county());
      s.setString(4, filter.point());
      s.setString(5, filter.point());
      s.setString(6, filter.stage());
      s.setString(7, filter.stage());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          items.add(project(r));
        }
      }
    }
    return items;
  }

  /** The point of a project, if there is one with this id. */
  static Optional<String> point(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT point_code FROM treatment_project WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  static String day(ResultSet r, int column) throws SQLException {
    Date day = r.getDate(column);
    return day == null ? null : day.toLocalDate().toString();
  }

  private static JsonObject project(ResultSet r) throws SQLException {
    return new JsonObject().put("id", r.getLong(1)).put("point", r.getString(2)).put("point_name", r.getString(3))
        .put("county", r.getString(4)).put("name", r.getString(5)).put("method", r.getString(6))
        .put("stage", r.getString(7)).put("started_on", day(r, 8)).put("completed_on", day(r, 9))
        .put("accepted_on", day(r, 10)).put("acceptance", r.getString(11))
        .put("funds_yuan", r.getObject(12, Long.class)).put("notes", r.getString(13))
        .put("created_at", Times.text(r.getTimestamp(14)));
  }
}
