package org.geohazard.api.zones;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The hazard-assessment queries made through the API, recorded for the year's figures: who asked, for which
 * construction project, what was asked and how many points it found, and the county of the duty room that asked
 * (the one county of the asker's roles; none for administrators or people of several counties).
 */
public final class AssessmentQueries {
  private static final String RECORD = """
      INSERT INTO hazard_assessment_query (person_id, county, project, query, points_found)
      SELECT ?, (SELECT CASE WHEN count(DISTINCT c) = 1 THEN min(c) END FROM (
                   SELECT CASE WHEN r.role IN ('duty_officer', 'leader') THEN r.county ELSE p.county END AS c
                   FROM person_role r LEFT JOIN hazard_point p ON p.code = r.point_code
                   WHERE r.person_id = ? AND r.role <> 'admin' AND r.role <> 'resident') roles
                 WHERE c IS NOT NULL AND c <> ''),
             ?, ?::jsonb, ?""";
  private static final String PER_COUNTY = """
      SELECT county, count(*) FROM hazard_assessment_query
      WHERE county IS NOT NULL AND asked_at >= ? AND asked_at < ? GROUP BY county""";

  private AssessmentQueries() {
  }

  static void record(Connection c, long person, String project, JsonObject query, int found) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RECORD)) {
      s.setLong(1, person);
      s.setLong(2, person);
      s.setString(3, project);
      s.setString(4, query.encode());
      s.setInt(5, found);
      s.executeUpdate();
    }
  }

  /** The queries of each county's duty room made in [from, to). */
  public static Map<String, Long> perCounty(Connection c, Instant from, Instant to) throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(PER_COUNTY)) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          counts.put(r.getString(1), r.getLong(2));
        }
      }
    }
    return counts;
  }
}
