package org.geohazard.api.cards;

import java.sql.Connection;
import java.sql.SQLException;
import org.geohazard.api.RowScopes;
import org.geohazard.api.problem.ApiException;

/**
 * Who may see and act on the cards and plans of a hazard point, as SQL over {@code person_role} for a row {@code t}
 * with a {@code point_code} (parameter: the person): administrators everything; the duty officers of the point's
 * county issue cards and version plans, they and its leaders see; the point's monitors and responsible persons see
 * and record the cards they hand over in the village. A resident sees their own card (through {@code /me/cards}) and
 * the point's current plan.
 */
final class CardAccess {
  static final String SEE = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point p ON p.code = t.point_code WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role IN ('duty_officer', 'leader') AND r.county = p.county)
                   OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = t.point_code)))""";
  static final String ISSUE = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point p ON p.code = t.point_code WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role = 'duty_officer' AND r.county = p.county)
                   OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = t.point_code)))""";
  static final String PLAN = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point p ON p.code = t.point_code WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role = 'duty_officer' AND r.county = p.county)))""";
  static final String RESIDENT = """
      EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = ? AND r.role = 'resident'
              AND r.point_code = t.point_code)""";

  private CardAccess() {
  }

  /** Whether the rule holds for the person at the point. */
  static boolean holds(Connection c, String point, String rule, long person) throws SQLException {
    return RowScopes.holdsAtPoint(c, "t", point, rule, person);
  }

  /** Not found unless the caller may see the point's cards and plans, forbidden unless the rule lets them act. */
  static void require(Connection c, String point, String act, long person, String what) throws SQLException {
    if (!holds(c, point, SEE, person)) {
      throw notFound(point);
    }
    if (!holds(c, point, act, person)) {
      throw ApiException.forbidden("your roles do not let you " + what);
    }
  }

  static ApiException notFound(String point) {
    return ApiException.notFound("no hazard point " + point + " whose cards and plans you may see");
  }
}
