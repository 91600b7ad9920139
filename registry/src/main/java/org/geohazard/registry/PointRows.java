package org.geohazard.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Hazard points written to {@code hazard_point}, by the registry import and by administrators alike. */
public final class PointRows {
  private static final String COLUMNS = """
      name, hazard_type, latitude, longitude, county, township, village, threatened_zone, households, people,
      property_at_risk, risk_level, status, evacuation_plan, code""";
  private static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?";
  private static final String INSERT =
      "INSERT INTO hazard_point (" + COLUMNS + ") VALUES (" + VALUES + ") ON CONFLICT (code) DO NOTHING";
  private static final String UPSERT = "INSERT INTO hazard_point (" + COLUMNS + ", updated_at) VALUES (" + VALUES
      + ", now()) " + """
      ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, hazard_type = EXCLUDED.hazard_type,
          latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, county = EXCLUDED.county,
          township = EXCLUDED.township, village = EXCLUDED.village, threatened_zone = EXCLUDED.threatened_zone,
          households = EXCLUDED.households, people = EXCLUDED.people,
          property_at_risk = EXCLUDED.property_at_risk, risk_level = EXCLUDED.risk_level,
          status = EXCLUDED.status, evacuation_plan = EXCLUDED.evacuation_plan, updated_at = now()""";
  private static final String UPDATE = """
      UPDATE hazard_point SET name = ?, hazard_type = ?, latitude = ?, longitude = ?, county = ?, township = ?,
          village = ?, threatened_zone = ?::jsonb, households = ?, people = ?, property_at_risk = ?, risk_level = ?,
          status = ?, evacuation_plan = ?::jsonb, updated_at = now()
      WHERE code = ?""";

  private PointRows() {
  }

  /** False when a point with the code exists already. */
  public static boolean insert(Connection c, RegistrySpec.Point point) throws SQLException {
    return write(c, INSERT, point);
  }

  /** False when there is no point with the code. */
  public static boolean update(Connection c, RegistrySpec.Point point) throws SQLException {
    return write(c, UPDATE, point);
  }

  /** The point as given, whether it exists or not (the registry import). */
  public static void upsert(Connection c, RegistrySpec.Point point) throws SQLException {
    write(c, UPSERT, point);
  }

  private static boolean write(Connection c, String sql, RegistrySpec.Point p) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, p.name());
      s.setString(2, p.hazardType());
      s.setDouble(3, p.latitude());
      s.setDouble(4, p.longitude());
      s.setString(5, p.county());
      s.setString(6, p.township());
      s.setString(7, p.village());
      s.setString(8, p.threatenedZoneJson());
      s.setObject(9, p.households(), Types.INTEGER);
      s.setObject(10, p.people(), Types.INTEGER);
      s.setString(11, p.propertyAtRisk());
      s.setString(12, p.riskLevel());
      s.setString(13, p.status());
      s.setString(14, p.evacuationPlanJson());
      s.setString(15, p.code());
      return s.executeUpdate() > 0;
    }
  }
}
