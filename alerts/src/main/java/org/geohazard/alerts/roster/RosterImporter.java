package org.geohazard.alerts.roster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.geohazard.alerts.rules.RuleException;
import org.geohazard.ingest.db.Database;
import org.geohazard.ingest.registry.RegistryFileParser;

/**
 * Imports the duty roster of a registry file ({@code roster:} — shifts of duty officers and leaders on duty per
 * county). The file's roster replaces the shifts of the counties it names, so the same file can be imported again.
 */
public final class RosterImporter {
  private static final String PERSON = "SELECT id FROM person WHERE phone = ?";
  private static final String CLEAR = "DELETE FROM duty_shift WHERE county = ?";
  private static final String INSERT =
      "INSERT INTO duty_shift (county, person_id, role, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)";

  private RosterImporter() {
  }

  /** Returns the number of shifts imported. */
  public static int importRoster(Connection connection, String registryYaml) throws SQLException {
    JsonArray shifts = RegistryFileParser.readYaml(registryYaml).getJsonArray("roster", new JsonArray());
    return Database.inTransaction(connection, c -> {
      java.util.Set<String> cleared = new java.util.HashSet<>();
      for (int i = 0; i < shifts.size(); i++) {
        if (!(shifts.getValue(i) instanceof JsonObject shift)) {
          throw new RuleException("roster[" + i + "]: must be a mapping");
        }
        String where = "roster[" + i + "]";
        String county = text(shift, "county", where);
        String role = text(shift, "role", where);
        if (!role.equals("duty_officer") && !role.equals("leader")) {
          throw new RuleException(where + ": role must be duty_officer or leader");
        }
        Instant from = time(shift, "from", where);
        Instant to = time(shift, "to", where);
        if (!from.isBefore(to)) {
          throw new RuleException(where + ": 'from' must be before 'to'");
        }
        long person = person(c, text(shift, "phone", where), where);
        if (cleared.add(county)) {
          try (PreparedStatement clear = c.prepareStatement(CLEAR)) {
            clear.setString(1, county);
            clear.executeUpdate();
          }
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
          insert.setString(1, county);
          insert.setLong(2, person);
          insert.setString(3, role);
          insert.setTimestamp(4, Timestamp.from(from));
          insert.setTimestamp(5, Timestamp.from(to));
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

  private static String text(JsonObject shift, String key, String where) {
    Object value = shift.getValue(key);
    if (value == null || value.toString().isBlank()) {
      throw new RuleException(where + ": '" + key + "' is required");
    }
    return value.toString().strip();
  }

  private static Instant time(JsonObject shift, String key, String where) {
    try {
      return OffsetDateTime.parse(text(shift, key, where)).toInstant();
    } catch (DateTimeParseException e) {
      throw new RuleException(where + ": '" + key + "' must be an RFC 3339 time with an offset");
    }
  }
}
