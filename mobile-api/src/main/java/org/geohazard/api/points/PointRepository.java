package org.geohazard.api.points;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Writes hazard points as administrators create and change them. */
final class PointRepository {
  private static final String INSERT = """
      INSERT INTO hazard_point (name, hazard_type, latitude, longitude, county, township, village, threatened_zone,
          households, people, property_at_risk, risk_level, status, evacuation_plan, code)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?)
      ON CONFLICT (code) DO NOTHING""";
  private static final String UPDATE = """
      UPDATE hazard_point SET name = ?, hazard_type = ?, latitude = ?, longitude = ?, county = ?, township = ?,
          village = ?, threatened_zone = ?::jsonb, households = ?, people = ?, property_at_risk = ?, risk_level = ?,
          status = ?, evacuation_plan = ?::jsonb, updated_at = now()
      WHERE code = ?""";

  private PointRepository() {
  }

  /** False when a point with the code exists already. */
  static boolean insert(Connection c, PointInput point) throws SQLException {
    return write(c, INSERT, point);
  }

  /** False when there is no point with the code. */
  static boolean update(Connection c, PointInput point) throws SQLException {
    return write(c, UPDATE, point);
  }

  private static boolean write(Connection c, String sql, PointInput p) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, p.name());
      s.setString(2, p.type());
      s.setDouble(3, p.lat());
      s.setDouble(4, p.lon());
      s.setString(5, p.county());
      s.setString(6, p.township());
      s.setString(7, p.village());
      s.setString(8, p.zoneJson());
      s.setObject(9, p.households(), Types.INTEGER);
      s.setObject(10, p.people(), Types.INTEGER);
      s.setString(11, p.propertyAtRisk());
      s.setString(12, p.riskLevel());
      s.setString(13, p.status());
      s.setString(14, p.planJson());
      s.setString(15, p.code());
      return s.executeUpdate() > 0;
    }
  }
}
