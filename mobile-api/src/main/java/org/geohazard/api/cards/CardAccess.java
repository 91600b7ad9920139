package org.geohazard.api.cards;

import java.sql.Connection;
import java.sql.SQLException;
import org.geohazard.api.RowScopes;
import org.geohazard.api.alerts.Scope;
import org.geohazard.api.problem.ApiException;

/**
 * Who may see and act on the cards and plans of a hazard point, by the shared rules of {@link Scope}: administrators
 * everything; the duty officers of the point's county issue cards and version plans, they and its leaders see; the
 * point's monitors and responsible persons see and record the cards they hand over in the village. A resident sees
 * their own card (through {@code /me/cards}) and the point's current plan.
 */
final class CardAccess {
  static final String SEE = Scope.STAFF;
  static final String ISSUE = Scope.MAY_HAND_OVER;
  static final String PLAN = Scope.DUTY_OFFICERS;
  static final String RESIDENT = Scope.MAY_CHECK_IN;

  private CardAccess() {
  }

  /** Whether the rule holds for the person at the point. */
  static boolean holds(Connection c, String point, String rule, long person) throws SQLException {
    return RowScopes.holdsAtPoint(c, point, rule, person);
  }

  /** Not found unless the caller may see the point's cards and plans, forbidden unless the rule lets them act. */
  static void require(Connection c, String point, String act, long person, String what) throws SQLException {
    RowScopes.requireAtPoint(c, point, SEE, act, person, notFoundText(point), what);
  }

  static ApiException notFound(String point) {
    return ApiException.notFound(notFoundText(point));
  }

  private static String notFoundText(String point) {
    return "no hazard point " + point + " whose cards and plans you may see";
  }
}
