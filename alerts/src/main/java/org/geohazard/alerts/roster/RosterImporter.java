package org.geohazard.alerts.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.geohazard.alerts.rules.RuleException;
import org.geohazard.registry.RegistrySpec;
import org.geohazard.storage.Database;

/**
 * Imports the duty roster of a registry ({@link RegistrySpec#roster()}: shifts of duty officers and leaders on duty
 * per county). The file's roster replaces the shifts of the counties it names, so the same file can be imported again.
 */
public final class RosterImporter {
  private static final String PERSON = "SELECT id FROM person WHERE phone = ?";
  private static final String CLEAR = "DELETE FROM duty_shift WHERE county = ?";
  private static final String INSERT =
      "INSERT INTO duty_shift (county, person_id, role, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)";

  private RosterImporter() {
  }

  /** Returns the number of shifts imported. */
  public static int importRoster(Connection connection, List<RegistrySpec.Shift> shifts) throws SQLException {
    return Database.inTransaction(connection, c -> {
      Set<String> cleared = new HashSet<>();
      for (int i = 0; i < shifts.size(); i++) {
        RegistrySpec.Shift shift = shifts.get(i);
        String county = shift.county();
        long person = person(c, shift.phone(), "roster[" + i + "]");
        if (cleared.add(county)) {
          try (PreparedStatement clear = c.prepareStatement(CLEAR)) {
            clear.setString(1, county);
            clear.executeUpdate();
          }
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
          insert.setString(1, county);
          insert.setLong(2, person);
          insert.setString(3, shift.role());
          insert.setTimestamp(4, Timestamp.from(shift.from()));
          insert.setTimestamp(5, Timestamp.from(shift.to()));
          insert.executeUpdate();
        }
      }
      return shifts.size();
    });
  }

  private static long person(Connection c, String phone, String where) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PERSON)) {
      s.setString(1, phone);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new RuleException(where + ": no person with phone " + phone + " in the registry");
        }
        return r.getLong(1);
      }
    }
  }
}
