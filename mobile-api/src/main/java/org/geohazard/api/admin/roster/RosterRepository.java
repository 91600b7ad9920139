package org.geohazard.api.admin.roster;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The duty roster (table duty_shift) as the administrators maintain it. */
final class RosterRepository {
  private static final String COLUMNS = """
      SELECT d.id, d.county, d.person_id, p.name, p.phone, d.role, d.starts_at, d.ends_at
      FROM duty_shift d JOIN person p ON p.id = d.person_id""";
  private static final String LIST = COLUMNS + " " + """
      WHERE (CAST(? AS text) IS NULL OR d.county = ?)
        AND (CAST(? AS timestamptz) IS NULL OR d.ends_at > ?)
        AND (CAST(? AS timestamptz) IS NULL OR d.starts_at < ?)
        AND (CAST(? AS timestamptz) IS NULL OR (d.starts_at, d.id) > (?, ?))
      ORDER BY d.starts_at, d.id LIMIT ?""";
  private static final String FIND = COLUMNS + " WHERE d.id = ?";
  private static final String LOCK_PERSON = "SELECT 1 FROM person WHERE id = ? FOR UPDATE";
  private static final String HOLDS_ROLE =
      "SELECT 1 FROM person_role WHERE person_id = ? AND role = ? AND county = ?";
  private static final String OVERLAPPING = """
      SELECT id, starts_at, ends_at FROM duty_shift WHERE person_id = ? AND starts_at < ? AND ends_at > ?
      ORDER BY starts_at LIMIT 1""";
  private static final String INSERT = """
      INSERT INTO duty_shift (county, person_id, role, starts_at, ends_at) VALUES (?, ?, ?, ?, ?) RETURNING id""";
  private static final String DELETE = "DELETE FROM duty_shift WHERE id = ?";

  /** Filters of the roster list; null means any. */
  record Filter(String county, Instant from, Instant to, Instant afterStart, long afterId, int limit) {
  }

  /** A new shift. */
  record Shift(String county, long person, String role, Instant from, Instant to) {
  }

  private RosterRepository() {
  }

  static List<JsonObject> list(Connection c, Filter filter) throws SQLException {
    List<JsonObject> shifts = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(LIST)) {
      s.setString(1, filter.county());
      s.setString(2, filter.county());
      time(s, 3, filter.from());
      time(s, 4, filter.from());
      time(s, 5, filter.to());
      time(s, 6, filter.to());
      time(s, 7, filter.afterStart());
      time(s, 8, filter.afterStart());
      s.setLong(9, filter.afterId());
      s.setInt(10, filter.limit());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          shifts.add(shift(r));
        }
      }
    }
    return shifts;
  }

  static Optional<JsonObject> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(shift(r)) : Optional.empty();
      }
    }
  }

  /** Locks the person's row until the transaction ends, so that two shifts of one person are checked in turn. */
  static boolean lockPerson(Connection c, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LOCK_PERSON)) {
      s.setLong(1, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  static boolean holdsRole(Connection c, long person, String role, String county) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HOLDS_ROLE)) {
      s.setLong(1, person);
      s.setString(2, role);
      s.setString(3, county);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** A shift of the person that overlaps [from, to), as "id from to"; empty when none does. */
  static Optional<String> overlapping(Connection c, long person, Instant from, Instant to) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(OVERLAPPING)) {
      s.setLong(1, person);
      time(s, 2, to);
      time(s, 3, from);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of("shift " + r.getLong(1) + " from " + r.getTimestamp(2).toInstant() + " to "
            + r.getTimestamp(3).toInstant()) : Optional.empty();
      }
    }
  }

  static long insert(Connection c, Shift shift) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, shift.county());
      s.setLong(2, shift.person());
      s.setString(3, shift.role());
      time(s, 4, shift.from());
      time(s, 5, shift.to());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  static boolean delete(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DELETE)) {
      s.setLong(1, id);
      return s.executeUpdate() == 1;
    }
  }

  private static void time(PreparedStatement s, int index, Instant time) throws SQLException {
    if (time == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setTimestamp(index, Timestamp.from(time));
    }
  }

  private static JsonObject shift(ResultSet r) throws SQLException {
    return new JsonObject().put("id", r.getLong(1)).put("county", r.getString(2))
        .put("person", new JsonObject().put("id", r.getLong(3)).put("name", r.getString(4))
            .put("phone", r.getString(5)))
        .put("role", r.getString(6)).put("starts_at", r.getTimestamp(7).toInstant().toString())
        .put("ends_at", r.getTimestamp(8).toInstant().toString());
  }
}
