package org.geohazard.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.geohazard.api.problem.ApiException;

/**
 * Whether a person may see or act on a row, by a scope rule: SQL over the row's alias whose every parameter is the
 * person (as {@code EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = ? AND ...)}). One way for every record
 * the API keeps per county or point: not found for a caller who may not see it, forbidden for one who may see it but
 * not do this.
 */
public final class RowScopes {
  private static final String AT_POINT =
      "SELECT 1 FROM (SELECT code AS point_code FROM hazard_point WHERE code = ?) a WHERE ";

  private RowScopes() {
  }

  /** Whether the rule holds for the row of the table with that id; {@code alias} names the row in the rule. */
  public static boolean holds(Connection c, String table, String alias, long id, String rule, long person)
      throws SQLException {
    return exists(c, "SELECT 1 FROM " + table + " " + alias + " WHERE " + alias + ".id = ? AND " + rule, id, person);
  }

  /** Whether the rule holds for a row not yet stored, of the county (and of no point). */
  public static boolean holdsInCounty(Connection c, String alias, String county, String rule, long person)
      throws SQLException {
    return exists(c, "SELECT 1 FROM (SELECT ?::text AS county, NULL::text AS point_code) " + alias + " WHERE " + rule,
        county, person);
  }

  /**
   * Whether a rule over a record {@code a} at a point ({@code a.point_code}, as the rules of
   * {@link org.geohazard.api.alerts.Scope}) holds at this existing hazard point: for a record not yet stored, or the
   * point itself.
   */
  public static boolean holdsAtPoint(Connection c, String point, String rule, long person) throws SQLException {
    return exists(c, AT_POINT + rule, point, person);
  }

  /** Not found unless the caller may see the point ({@code see}), forbidden unless {@code act} lets them do this. */
  public static void requireAtPoint(Connection c, String point, String see, String act, long person,
      String notFound, String what) throws SQLException {
    if (!holdsAtPoint(c, point, see, person)) {
      throw ApiException.notFound(notFound);
    }
    if (!holdsAtPoint(c, point, act, person)) {
      throw ApiException.forbidden("your roles do not let you " + what);
    }
  }

  /** Not found unless the caller may see the row, forbidden unless the rule lets them act on it. */
  public static void require(Connection c, String table, String alias, long id, String see, String act, long person,
      String notFound, String what) throws SQLException {
    if (!holds(c, table, alias, id, see, person)) {
      throw ApiException.notFound(notFound);
    }
    if (!holds(c, table, alias, id, act, person)) {
      throw ApiException.forbidden("your roles do not let you " + what);
    }
  }

  /** The SQL's first parameter is the key; every other one is the person. */
  public static boolean exists(Connection c, String sql, Object key, long person) throws SQLException {
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
