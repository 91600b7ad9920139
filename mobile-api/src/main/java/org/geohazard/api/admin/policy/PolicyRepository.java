package org.geohazard.api.admin.policy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.geohazard.alerts.RecipientPolicy;
import org.geohazard.domain.WarningLevel;

/** The rows of recipient_policy: a point's own policy for a level, where it differs from the defaults. */
final class PolicyRepository {
  private static final String CUSTOM = "SELECT 1 FROM recipient_policy WHERE point_code = ? AND level = ?";
  private static final String SET = """
      INSERT INTO recipient_policy (point_code, level, roles, sirens) VALUES (?, ?, ?, ?)
      ON CONFLICT (point_code, level) DO UPDATE SET roles = EXCLUDED.roles, sirens = EXCLUDED.sirens""";
  private static final String RESET = "DELETE FROM recipient_policy WHERE point_code = ? AND level = ?";

  private PolicyRepository() {
  }

  static boolean custom(Connection c, String point, WarningLevel level) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CUSTOM)) {
      s.setString(1, point);
      s.setString(2, level.key());
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  static void set(Connection c, String point, WarningLevel level, RecipientPolicy policy) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SET)) {
      s.setString(1, point);
      s.setString(2, level.key());
      s.setArray(3, c.createArrayOf("text", policy.roles().toArray()));
      s.setBoolean(4, policy.sirens());
      s.executeUpdate();
    }
  }

  static void reset(Connection c, String point, WarningLevel level) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RESET)) {
      s.setString(1, point);
      s.setString(2, level.key());
      s.executeUpdate();
    }
  }
}
