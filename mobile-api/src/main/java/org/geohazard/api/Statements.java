package org.geohazard.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Statements of the queries that build their SQL from a request's filters: the SQL and its values in order. */
public final class Statements {
  private Statements() {
  }

  /** The statement with the values bound in order; the caller closes it. */
  public static PreparedStatement prepare(Connection c, String sql, List<?> values) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    try {
      for (int i = 0; i < values.size(); i++) {
        s.setObject(i + 1, values.get(i));
      }
      return s;
    } catch (SQLException e) {
      s.close();
      throw e;
    }
  }
}
