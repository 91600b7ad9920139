package org.geohazard.api.duty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.geohazard.api.alerts.Scope;
import org.geohazard.api.problem.ApiException;

/**
 * Whether a person may act on a hazard point as its duty room does, by the alert rules of {@link Scope} applied to an
 * alert that would be raised there: not found when they may not see the point, forbidden when they may see it but
 * not run its duty room.
 */
final class AccessQueries {
  private static final String POINT = """
      SELECT p.status, %s, %s
      FROM hazard_point p CROSS JOIN LATERAL (SELECT p.code AS point_code, 'manual'::text AS kind) a
      WHERE p.code = ?""".formatted(Scope.VISIBLE, Scope.MAY_RESOLVE);

  private AccessQueries() {
  }

  /** The point's status, after checking that the person may run its duty room. */
  static String requirePointDutyRoom(Connection c, long person, String point, String what) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(POINT)) {
      s.setLong(1, person);
      s.setLong(2, person);
      s.setString(3, point);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next() || !r.getBoolean(2)) {
          throw ApiException.notFound("no hazard point " + point + " that you may see");
        }
        if (!r.getBoolean(3)) {
          throw ApiException.forbidden("your roles do not let you " + what + " at this point");
        }
        return r.getString(1);
      }
    }
  }
}
