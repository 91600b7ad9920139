package org.geohazard.api.duty;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geohazard.api.Times;

/**
 * Who is on duty in the caller's counties at a moment, from the roster: the shifts running then and, per role, the
 * next one to start. Where nobody of a role is rostered, warnings go to everyone holding the role in the county (see
 * alerts' Recipients), so those people are listed as not rostered.
 */
final class ShiftQueries {
  /**
   * Counties whose duty room a person may call: administrators all, duty officers and leaders their own, monitors and
   * responsible persons those of their points. Parameter: person id; the county is {@code k.county}.
   */
  static final String MAY_CALL_COUNTY = """
      EXISTS (SELECT 1 FROM person_role r LEFT JOIN hazard_point rp ON rp.code = r.point_code
              WHERE r.person_id = ?
                AND (r.role = 'admin' OR (r.role IN ('duty_officer', 'leader') AND r.county = k.county)
                     OR (r.role IN ('monitor', 'responsible_person') AND rp.county = k.county)))""";
  static final int MAX_COUNTIES = 500;
  private static final String ON_DUTY = """
      WITH counties AS (
          SELECT k.county FROM (SELECT county FROM hazard_point UNION SELECT county FROM duty_shift
                                UNION SELECT county FROM person_role WHERE county <> '') k
          WHERE %s AND (?::text IS NULL OR k.county = ?)
          ORDER BY k.county LIMIT %d),
      now_on AS (
          SELECT s.county, s.role, s.person_id, s.starts_at, s.ends_at FROM duty_shift s JOIN counties USING (county)
          WHERE s.starts_at <= ? AND ? < s.ends_at),
      upcoming AS (
          SELECT county, role, person_id, starts_at, ends_at FROM (
              SELECT s.*, rank() OVER (PARTITION BY s.county, s.role ORDER BY s.starts_at) AS rk
              FROM duty_shift s JOIN counties USING (county) WHERE s.starts_at > ?) x
          WHERE rk = 1),
      unrostered AS (
          SELECT DISTINCT r.county, r.role, r.person_id, NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at
          FROM person_role r JOIN counties USING (county)
          WHERE r.role IN ('duty_officer', 'leader')
            AND NOT EXISTS (SELECT 1 FROM now_on n WHERE n.county = r.county AND n.role = r.role))
      SELECT c.county, x.kind, x.role, x.person_id, pe.name, pe.phone, x.starts_at, x.ends_at
      FROM counties c
      LEFT JOIN (SELECT 'now' AS kind, * FROM now_on UNION ALL SELECT 'unrostered', * FROM unrostered
                 UNION ALL SELECT 'next', * FROM upcoming) x ON x.county = c.county
      LEFT JOIN person pe ON pe.id = x.person_id
      ORDER BY c.county, x.kind, x.role DESC, x.starts_at, pe.name""".formatted(MAY_CALL_COUNTY, MAX_COUNTIES);

  private ShiftQueries() {
  }

  static List<JsonObject> onDuty(Connection c, long person, String county, Instant at) throws SQLException {
    Map<String, JsonObject> counties = new LinkedHashMap<>();
    Timestamp moment = Timestamp.from(at);
    try (PreparedStatement s = c.prepareStatement(ON_DUTY)) {
      s.setLong(1, person);
      s.setString(2, county);
      s.setString(3, county);
      s.setTimestamp(4, moment);
      s.setTimestamp(5, moment);
      s.setTimestamp(6, moment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          JsonObject entry = counties.computeIfAbsent(r.getString(1), name -> new JsonObject().put("county", name)
              .put("on_duty", new JsonArray()).put("next", new JsonArray()));
          String kind = r.getString(2);
          if (kind == null) {
            continue;
          }
          JsonObject shift = new JsonObject().put("role", r.getString(3)).put("rostered", !kind.equals("unrostered"))
              .put("person", new JsonObject().put("id", r.getLong(4)).put("name", r.getString(5))
                  .put("phone", r.getString(6)))
              .put("starts_at", Times.text(r.getTimestamp(7))).put("ends_at", Times.text(r.getTimestamp(8)));
          entry.getJsonArray(kind.equals("next") ? "next" : "on_duty").add(shift);
        }
      }
    }
    return List.copyOf(counties.values());
  }
}
