package org.geohazard.api.zones;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.registry.PointScope;

/** The hazard points a query could reach: those the caller may see whose location lies in a bounding box. */
final class HazardQueryRepository {
  private static final String CANDIDATES = """
      SELECT p.code, p.name, p.hazard_type, p.county, p.status, p.latitude, p.longitude, p.threatened_zone
      FROM hazard_point p
      WHERE p.latitude BETWEEN ? AND ? AND p.longitude BETWEEN ? AND ? AND (? OR p.status <> 'delisted')
      """ + " AND " + PointScope.VISIBLE + " ORDER BY p.code LIMIT ?";

  /** A point as stored. */
  record Candidate(String code, String name, String type, String county, String status, double lat, double lon,
      String zone) {
  }

  private HazardQueryRepository() {
  }

  static List<Candidate> candidates(Connection c, long person, double[] box, boolean includeDelisted, int limit)
      throws SQLException {
    List<Candidate> found = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(CANDIDATES)) {
      for (int i = 0; i < 4; i++) {
        s.setDouble(i + 1, box[i]);
      }
      s.setBoolean(5, includeDelisted);
      s.setLong(6, person);
      s.setInt(7, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.add(new Candidate(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
              r.getDouble(6), r.getDouble(7), r.getString(8)));
        }
      }
    }
    return found;
  }
}
