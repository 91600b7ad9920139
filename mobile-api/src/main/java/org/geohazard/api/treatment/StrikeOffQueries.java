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

/** Strike-offs (销号) of hazard points in the database; seen by the point's staff ({@link Scope#STAFF}). */
final class StrikeOffQueries {
  private static final int MAX_LISTED = 1_000;
  private static final String COLUMNS = "a.id, a.point_code, p.name, p.county, a.reason, a.evidence, a.treatment_id,"
      + " a.struck_off_on, a.recorded_by, a.created_at, p.status";
  private static final String FROM = " FROM point_strike_off a JOIN hazard_point p ON p.code = a.point_code";

  /** A strike-off as a duty officer records it. */
  record NewStrikeOff(String point, String reason, String evidence, Long treatment, LocalDate struckOffOn) {
  }

  private StrikeOffQueries() {
  }

  /** The point's status, if there is such a point. */
  static Optional<String> status(Connection c, String point) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT status FROM hazard_point WHERE code = ? FOR UPDATE")) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  /** Whether the point is struck off now: delisted, with a strike-off recorded. */
  static boolean struckOff(Connection c, String point) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM hazard_point p WHERE p.code = ?"
        + " AND p.status = 'delisted' AND EXISTS (SELECT 1 FROM point_strike_off o WHERE o.point_code = p.code)")) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  static void delist(Connection c, String point) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE hazard_point SET status = 'delisted', updated_at = now() WHERE code = ?")) {
      s.setString(1, point);
      s.executeUpdate();
    }
  }

  static long insert(Connection c, NewStrikeOff strikeOff, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO point_strike_off (point_code, reason, evidence,"
        + " treatment_id, struck_off_on, recorded_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
      s.setString(1, strikeOff.point());
      s.setString(2, strikeOff.reason());
      s.setString(3, strikeOff.evidence());
      if (strikeOff.treatment() == null) {
        s.setNull(4, Types.BIGINT);
      } else {
        s.setLong(4, strikeOff.treatment());
      }
      s.setDate(5, Date.valueOf(strikeOff.struckOffOn()));
      s.setLong(6, person);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** The strike-offs the person may see, of a county and a year when given, newest first. */
  static List<JsonObject> list(Connection c, long person, String county, Integer year, Long id)
      throws SQLException {
    String sql = "SELECT " + COLUMNS + FROM + " WHERE " + Scope.STAFF
        + " AND (?::text IS NULL OR p.county = ?) AND (?::date IS NULL OR a.struck_off_on >= ?)"
        + " AND (?::date IS NULL OR a.struck_off_on < ?) AND (?::bigint IS NULL OR a.id = ?)"
        + " ORDER BY a.struck_off_on DESC, a.id DESC LIMIT " + MAX_LISTED;
    LocalDate from = year == null ? null : LocalDate.of(year, 1, 1);
    LocalDate to = year == null ? null : LocalDate.of(year + 1, 1, 1);
    List<JsonObject> items = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, person);
      s.setString(2, county);
      s.setString(3, county);
      TreatmentQueries.setDate(s, 4, from);
      TreatmentQueries.setDate(s, 5, from);
      TreatmentQueries.setDate(s, 6, to);
      TreatmentQueries.setDate(s, 7, to);
      s.setObject(8, id, Types.BIGINT);
      s.setObject(9, id, Types.BIGINT);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          items.add(new JsonObject().put("id", r.getLong(1)).put("point", r.getString(2))
              .put("point_name", r.getString(3)).put("county", r.getString(4)).put("reason", r.getString(5))
              .put("evidence", r.getString(6)).put("treatment_id", r.getObject(7, Long.class))
              .put("struck_off_on", TreatmentQueries.day(r, 8)).put("recorded_by", r.getLong(9))
              .put("created_at", Times.text(r.getTimestamp(10))).put("point_status", r.getString(11)));
        }
      }
    }
    return items;
  }
}
