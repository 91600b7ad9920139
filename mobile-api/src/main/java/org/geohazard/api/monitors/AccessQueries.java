package org.geohazard.api.monitors;

import java.sql.Connection;
import java.sql.SQLException;
import org.geohazard.api.RowScopes;
import org.geohazard.api.alerts.Scope;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.PointScope;

/**
 * Who may see or do what in a point's ledger, by the shared role rules ({@link Scope}, {@link PointScope#VISIBLE}):
 * not found for a caller who may not see the point or record, forbidden for one who may see it but not do this.
 */
final class AccessQueries {
  private static final String POINT_VISIBLE = "SELECT 1 FROM hazard_point p WHERE p.code = ? AND "
      + PointScope.VISIBLE;

  private AccessQueries() {
  }

  /** The caller may see the point and the rule lets them act there. */
  static void requireAtPoint(Connection c, long person, String point, String rule, String what)
      throws SQLException {
    if (!RowScopes.exists(c, POINT_VISIBLE, point, person)) {
      throw ApiException.notFound("no hazard point " + point + " that you may see");
    }
    if (!RowScopes.holdsAtPoint(c, point, rule, person)) {
      throw ApiException.forbidden("your roles do not let you " + what + " at this hazard point");
    }
  }

  /** The caller may see the record (staff of its point) and the rule lets them act on it. */
  static void requireOnRecord(Connection c, long person, Ledger ledger, long id, String rule, String what)
      throws SQLException {
    if (!visible(c, person, ledger, id)) {
      throw ApiException.notFound("no " + ledger.noun + " " + id + " that you may see");
    }
    if (!RowScopes.holds(c, ledger.table, "a", id, rule, person)) {
      throw ApiException.forbidden("your roles do not let you " + what + " this " + ledger.noun);
    }
  }

  static boolean visible(Connection c, long person, Ledger ledger, long id) throws SQLException {
    return RowScopes.holds(c, ledger.table, "a", id, ledger.visible, person);
  }

  /** Whether the rule lets the person act at the point (which they may see). */
  static boolean atPoint(Connection c, long person, String point, String rule) throws SQLException {
    return RowScopes.holdsAtPoint(c, point, rule, person);
  }
}
