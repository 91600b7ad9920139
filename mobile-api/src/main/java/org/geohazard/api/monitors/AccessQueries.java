package org.geohazard.api.monitors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
  private static final String AT_POINT = "SELECT 1 FROM (SELECT code AS point_code FROM hazard_point WHERE code = ?) a"
      + " WHERE ";

  private AccessQueries() {
  }

  /** The caller may see the point and the rule lets them act there. */
  static void requireAtPoint(Connection c, long person, String point, String rule, String what)
      throws SQLException {
    if (!exists(c, POINT_VISIBLE, point, person)) {
      throw ApiException.notFound("no hazard point " + point + " that you may see");
    }
    if (!exists(c, AT_POINT + rule, point, person)) {
      throw ApiException.forbidden("your roles do not let you " + what + " at this hazard point");
    }
  }

  /** The caller may see the record (staff of its point) and the rule lets them act on it. */
  static void requireOnRecord(Connection c, long person, Ledger ledger, long id, String rule, String what)
      throws SQLException {
    if (!visible(c, person, ledger, id)) {
      throw ApiException.notFound("no " + ledger.noun + " " + id + " that you may see");
    }
    if (!exists(c, "SELECT 1 FROM " + ledger.table + " a WHERE a.id = ? AND " + rule, id, person)) {
      throw ApiException.forbidden("your roles do not let you " + what + " this " + ledger.noun);
    }
  }

  static boolean visible(Connection c, long person, Ledger ledger, long id) throws SQLException {
    return exists(c, "SELECT 1 FROM " + ledger.table + " a WHERE a.id = ? AND " + ledger.visible, id, person);
  }

  /** Whether the rule lets the person act at the point (which they may see). */
  static boolean atPoint(Connection c, long person, String point, String rule) throws SQLException {
    return exists(c, AT_POINT + rule, point, person);
  }

  /** The SQL's first parameter is the key; every other one is the person. */
  private static boolean exists(Connection c, String sql, Object key, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, key);
      int parameters = (int) sql.chars().filter(ch -> ch == '?').count();
      for (int i = 2; i <= parameters; i++) {
        s.setLong(i, person);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }
}
