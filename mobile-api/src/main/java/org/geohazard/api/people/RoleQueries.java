package org.geohazard.api.people;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.geohazard.api.problem.ApiException;

/** Which roles a person holds, in any scope, for checks before an operation. */
public final class RoleQueries {
  private static final String HOLDS_ANY = "SELECT 1 FROM person_role WHERE person_id = ? AND role = ANY (?) LIMIT 1";

  private RoleQueries() {
  }

  public static boolean holdsAny(Connection c, long person, String... roles) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HOLDS_ANY)) {
      s.setLong(1, person);
      s.setArray(2, c.createArrayOf("text", roles));
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Forbidden unless the person is an administrator. */
  public static void requireAdmin(Connection c, long person) throws SQLException {
    if (!holdsAny(c, person, "admin")) {
      throw ApiException.forbidden("only administrators may do this");
    }
  }
}
