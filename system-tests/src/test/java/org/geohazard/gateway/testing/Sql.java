package org.geohazard.gateway.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads what the gateway stored, straight from the database. */
public final class Sql {
  private final String url;

  public Sql(String url) {
    this.url = url;
  }

  public long count(String sql) {
    List<String> rows = column(sql);
    return rows.isEmpty() || rows.get(0) == null ? 0 : Long.parseLong(rows.get(0));
  }

  /** Runs a statement that returns no rows; fails the test if the database refuses it. */
  public void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  public List<String> column(String sql) {
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (r.next()) {
        values.add(r.getString(1));
      }
      return values;
    } catch (SQLException e) {
      // the database may be restarting; the caller waits and asks again
      return List.of();
    }
  }
}
