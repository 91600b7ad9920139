package org.geohazard.alerts.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Drill mode for a point or the whole deployment: the alerts people raise there meanwhile are exercises. */
public final class Drills {
  private static final String START = """
      INSERT INTO drill (point_code, note, started_by) VALUES (?, ?, ?)
      ON CONFLICT DO NOTHING RETURNING id""";
  private static final String STOP = """
      UPDATE drill SET ended_at = now(), ended_by = ?
      WHERE ended_at IS NULL AND coalesce(point_code, '*') = coalesce(?, '*')""";
  private static final String ACTIVE = """
      SELECT 1 FROM drill WHERE ended_at IS NULL AND (point_code IS NULL OR point_code = ?)""";

  private Drills() {
  }

  /** Starts a drill at a point (null: everywhere); returns false when one is already running there. */
  public static boolean start(Connection c, String point, String note, Long personId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(START)) {
      s.setString(1, point);
      s.setString(2, note);
      s.setObject(3, personId, Types.BIGINT);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Stops the drill running at a point (null: the deployment-wide one); returns false when none was running. */
  public static boolean stop(Connection c, String point, Long personId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(STOP)) {
      s.setObject(1, personId, Types.BIGINT);
      s.setString(2, point);
      return s.executeUpdate() > 0;
    }
  }

  /**
   * Whether alerts raised by hand at the point now are drills. Warnings the readings raise are never drills: a drill
   * must not make a real warning look like an exercise.
   */
  public static boolean active(Connection c, String point) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ACTIVE)) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }
}
