package org.geohazard.api.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.geohazard.api.problem.ApiException;

/** Whether a person may see, answer or resolve an alert (rules in {@link Scope}). */
public final class AlertAccess {
  /** What a person wants to do with an alert. */
  public enum Action { ANSWER, RESOLVE, CHECK_IN, HELP }

  private AlertAccess() {
  }

  public static boolean visible(Connection c, long person, long alert) throws SQLException {
    return AlertQueries.allowed(c, Scope.VISIBLE, person, alert);
  }

  public static boolean closed(Connection c, long alert) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT closed_at IS NOT NULL FROM alert WHERE id = ?")) {
      s.setLong(1, alert);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    }
  }

  /** Not found when the person may not see it; forbidden when they may see it but not do this. */
  public static void require(Connection c, long person, long alert, Action action, String what) throws SQLException {
    if (!visible(c, person, alert)) {
      throw ApiException.notFound("no alert " + alert + " that you may see");
    }
    String rule = switch (action) {
      case ANSWER -> Scope.MAY_ANSWER;
      case RESOLVE -> Scope.MAY_RESOLVE;
      case CHECK_IN -> Scope.MAY_CHECK_IN;
      // record a check-in for a villager, take on a call for help: the staff of the point
      case HELP -> Scope.STAFF;
    };
    if (!AlertQueries.allowed(c, rule, person, alert)) {
      throw ApiException.forbidden("your roles do not let you " + what + " this alert");
    }
  }
}
