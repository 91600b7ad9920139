package org.geohazard.api.exports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;
import org.geohazard.api.problem.ApiException;

/**
 * Whose records a caller exports: administrators any county, or all of them; a county's duty officers and leaders
 * their county's (all of their counties when they name none). Anybody else, or a county the caller's duty room does
 * not run, is refused (403).
 *
 * @param counties the counties exported; null for every county
 * @param named the county the file is of, when it is one: the one asked for, or the caller's only county
 */
record ExportScope(List<String> counties, String named) {
  private static final String ROLES = """
      SELECT role, county FROM person_role
      WHERE person_id = ? AND role IN ('admin', 'duty_officer', 'leader')""";

  static ExportScope of(Connection c, long person, String county) throws SQLException {
    boolean admin = false;
    TreeSet<String> runs = new TreeSet<>();
    try (PreparedStatement s = c.prepareStatement(ROLES)) {
      s.setLong(1, person);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          admin |= r.getString(1).equals("admin");
          if (!r.getString(1).equals("admin")) {
            runs.add(r.getString(2));
          }
        }
      }
    }
    if (!admin && runs.isEmpty()) {
      throw ApiException.forbidden("only duty officers, leaders and administrators export records");
    }
    if (county != null) {
      if (!admin && !runs.contains(county)) {
        throw ApiException.forbidden("your roles do not let you export the records of " + county);
      }
      return new ExportScope(List.of(county), county);
    }
    if (admin) {
      return new ExportScope(null, null);
    }
    return new ExportScope(List.copyOf(runs), runs.size() == 1 ? runs.first() : null);
  }
}
