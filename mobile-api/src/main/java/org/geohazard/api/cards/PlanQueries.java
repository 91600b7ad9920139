package org.geohazard.api.cards;

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

/**
 * The versions of a point's emergency plan (应急预案) in the database: 1, 2, ... per point, each kept as written, with
 * the point's evacuation plan as it stood when the version was made. Scopes in {@link CardAccess}.
 */
final class PlanQueries {
  /** More versions than a point's plan goes through in decades. */
  private static final int MAX_LISTED = 200;
  /** Versions are numbered one after the other while the point's row is held. */
  private static final String HOLD_POINT = "SELECT 1 FROM hazard_point WHERE code = ? FOR NO KEY UPDATE";
  private static final String INSERT = """
      INSERT INTO point_plan_version (point_code, version, plan_text, changes, approved_on, evacuation, created_by)
      SELECT p.code, coalesce((SELECT max(v.version) FROM point_plan_version v WHERE v.point_code = p.code), 0) + 1,
             ?, ?, ?, p.evacuation_plan, ?
      FROM hazard_point p WHERE p.code = ? RETURNING version""";
  private static final String VERSIONS = """
      SELECT v.point_code, v.version, v.plan_text, v.changes, v.approved_on, v.evacuation, v.created_by, pe.name,
             v.created_at,
             v.version = (SELECT max(x.version) FROM point_plan_version x WHERE x.point_code = v.point_code)
      FROM point_plan_version v JOIN person pe ON pe.id = v.created_by
      WHERE v.point_code = ? AND (?::integer IS NULL OR v.version = ?)
      ORDER BY v.version DESC LIMIT ?""";

  /** A version as a duty officer writes it. */
  record NewVersion(String point, String text, String changes, LocalDate approvedOn) {
  }

  private PlanQueries() {
  }

  /** Stores the point's next version; its number. */
  static int insert(Connection c, NewVersion version, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HOLD_POINT)) {
      s.setString(1, version.point());
      s.executeQuery().close();
    }
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, version.text());
      s.setString(2, version.changes());
      if (version.approvedOn() == null) {
        s.setNull(3, Types.DATE);
      } else {
        s.setDate(3, Date.valueOf(version.approvedOn()));
      }
      s.setLong(4, person);
      s.setString(5, version.point());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  /** The point's versions, newest first; only the current one when asked. */
  static List<JsonObject> list(Connection c, String point, boolean currentOnly) throws SQLException {
    return versions(c, point, null, currentOnly ? 1 : MAX_LISTED);
  }

  static Optional<JsonObject> find(Connection c, String point, int version) throws SQLException {
    return versions(c, point, version, 1).stream().findFirst();
  }

  private static List<JsonObject> versions(Connection c, String point, Integer version, int limit)
      throws SQLException {
    List<JsonObject> versions = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(VERSIONS)) {
      s.setString(1, point);
      s.setObject(2, version, Types.INTEGER);
      s.setObject(3, version, Types.INTEGER);
      s.setInt(4, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Date approved = r.getDate(5);
          String evacuation = r.getString(6);
          versions.add(new JsonObject().put("point", r.getString(1)).put("version", r.getInt(2))
              .put("text", r.getString(3)).put("changes", r.getString(4))
              .put("approved_on", approved == null ? null : approved.toLocalDate().toString())
              .put("evacuation", evacuation == null ? null : new JsonObject(evacuation))
              .put("created_by", new JsonObject().put("id", r.getLong(7)).put("name", r.getString(8)))
              .put("created_at", Times.text(r.getTimestamp(9))).put("current", r.getBoolean(10)));
        }
      }
    }
    return versions;
  }
}
