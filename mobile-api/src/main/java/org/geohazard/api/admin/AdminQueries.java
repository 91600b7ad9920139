package org.geohazard.api.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.geohazard.api.problem.ApiException;

/** Lookups every administration endpoint needs: whether the caller is an administrator, whether a point exists. */
public final class AdminQueries {
  private static final String IS_ADMIN = "SELECT 1 FROM person_role WHERE person_id = ? AND role = 'admin'";
  private static final String POINT_EXISTS = "SELECT 1 FROM hazard_point WHERE code = ?";

  private AdminQueries() {
  }

  static boolean isAdmin(Connection c, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(IS_ADMIN)) {
      s.setLong(1, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Fails with not-found when there is no hazard point with that code. */
  public static void requirePoint(Connection c, String code) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(POINT_EXISTS)) {
      s.setString(1, code);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw ApiException.notFound("no hazard point " + code);
        }
      }
    }
  }
}
