package org.geohazard.api.duty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.geohazard.api.problem.ApiException;

/** The roles a person holds anywhere, for refusing whole features to roles that have no part in them. */
final class RoleQueries {
  static final Set<String> DUTY_ROOM = Set.of("duty_officer", "leader", "admin");
  private static final String ROLES = "SELECT DISTINCT role FROM person_role WHERE person_id = ?";

  private RoleQueries() {
  }

  static Set<String> of(Connection c, long person) throws SQLException {
    Set<String> roles = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement(ROLES)) {
      s.setLong(1, person);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          roles.add(r.getString(1));
        }
      }
    }
    return roles;
  }

  /** Forbidden unless the person holds one of the roles somewhere. */
  static Set<String> requireAny(Connection c, long person, Set<String> allowed, String what) throws SQLException {
    Set<String> roles = of(c, person);
    if (roles.stream().noneMatch(allowed::contains)) {
      throw ApiException.forbidden("your roles do not let you " + what);
    }
    return roles;
  }
}
