package org.geohazard.api.people;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** People, their credentials and the roles an administrator assigns. */
final class PeopleRepository {
  private static final String COLUMNS =
      "SELECT id, name, phone, password_hash IS NOT NULL, home_latitude, home_longitude FROM person";
  private static final String SEARCH = COLUMNS + """
       WHERE (?::text IS NULL OR phone LIKE ? ESCAPE '\\' OR name ILIKE ? ESCAPE '\\') AND id > ?
      ORDER BY id LIMIT ?""";
  private static final String ROLES = """
      SELECT role, county, point_code, origin FROM person_role WHERE person_id = ?
      ORDER BY role, county, point_code""";
  private static final String INSERT = """
      INSERT INTO person (name, phone, password_hash, home_latitude, home_longitude) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (phone) DO NOTHING RETURNING id""";
  /** A home the administrators change is theirs ('registry'); one they leave as it was keeps its origin. */
  private static final String UPDATE = """
      UPDATE person SET name = ?, phone = ?, password_hash = coalesce(?, password_hash), home_latitude = ?,
          home_longitude = ?, updated_at = now(),
          home_origin = CASE WHEN home_latitude IS DISTINCT FROM ? OR home_longitude IS DISTINCT FROM ?
                             THEN 'registry' ELSE home_origin END
      WHERE id = ?""";
  private static final String UPSERT_RESIDENT = """
      INSERT INTO person (name, phone, home_latitude, home_longitude) VALUES (?, ?, ?, ?)
      ON CONFLICT (phone) DO UPDATE SET name = EXCLUDED.name, home_latitude = EXCLUDED.home_latitude,
          home_longitude = EXCLUDED.home_longitude, home_origin = 'registry', updated_at = now()
      RETURNING id, xmax = 0""";
  private static final String PHONE_TAKEN = "SELECT 1 FROM person WHERE phone = ? AND id <> ?";
  private static final String DROP_ASSIGNED = "DELETE FROM person_role WHERE person_id = ? AND origin = 'assigned'";
  private static final String ASSIGN = """
      INSERT INTO person_role (person_id, role, county, point_code, origin) VALUES (?, ?, ?, ?, 'assigned')
      ON CONFLICT (person_id, role, county, point_code) DO UPDATE SET origin = 'assigned'""";
  private static final String POINT_EXISTS = "SELECT 1 FROM hazard_point WHERE code = ?";
  private static final String DELETE = "DELETE FROM person WHERE id = ?";
  /** The cards as printed keep neither the name nor the phone of a person who goes (theirs, and others' listing them). */
  private static final String REDACT_CARDS = """
      UPDATE card_issue ci SET card_text = replace(replace(ci.card_text, p.phone, '（已删除）'), p.name, '（已删除）')
      FROM person p WHERE p.id = ? AND (strpos(ci.card_text, p.phone) > 0 OR strpos(ci.card_text, p.name) > 0)""";
  private static final String[] ANONYMISE = {
      """
      UPDATE person SET name = 'Former person', phone = 'removed-' || id, password_hash = NULL, home_latitude = NULL,
          home_longitude = NULL, updated_at = now() WHERE id = ?""",
      "DELETE FROM person_role WHERE person_id = ?",
      "DELETE FROM push_token WHERE person_id = ?",
      "DELETE FROM refresh_token WHERE person_id = ?",
      "DELETE FROM duty_shift WHERE person_id = ? AND ends_at > now()"};

  /** A role as an administrator assigns it; empty strings for no county or no point, as person_role stores them. */
  record Grant(String role, String county, String point) {
  }

  private PeopleRepository() {
  }

  static List<JsonObject> search(Connection c, String query, long after, int limit) throws SQLException {
    List<JsonObject> people = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(SEARCH)) {
      String like = query == null ? null : query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
      s.setString(1, query);
      s.setString(2, like == null ? null : like + "%");
      s.setString(3, like == null ? null : "%" + like + "%");
      s.setLong(4, after);
      s.setInt(5, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          people.add(person(c, r));
        }
      }
    }
    return people;
  }

  static Optional<JsonObject> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(person(c, r)) : Optional.empty();
      }
    }
  }

  /** The new person's id; empty when the phone is taken. */
  static Optional<Long> insert(Connection c, String name, String phone, String passwordHash, Double lat, Double lon)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, name);
      s.setString(2, phone);
      s.setString(3, passwordHash);
      s.setObject(4, lat, Types.DOUBLE);
      s.setObject(5, lon, Types.DOUBLE);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Creates or updates the person with the phone; {id, 1 if created else 0}. */
  static long[] upsertResident(Connection c, String name, String phone, double lat, double lon) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPSERT_RESIDENT)) {
      s.setString(1, name);
      s.setString(2, phone);
      s.setDouble(3, lat);
      s.setDouble(4, lon);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new long[] {r.getLong(1), r.getBoolean(2) ? 1 : 0};
      }
    }
  }

  /** False when there is no such person. A null password hash keeps the current one. */
  static boolean update(Connection c, long id, String name, String phone, String passwordHash, Double lat,
      Double lon) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPDATE)) {
      s.setString(1, name);
      s.setString(2, phone);
      s.setString(3, passwordHash);
      s.setObject(4, lat, Types.DOUBLE);
      s.setObject(5, lon, Types.DOUBLE);
      s.setObject(6, lat, Types.DOUBLE);
      s.setObject(7, lon, Types.DOUBLE);
      s.setLong(8, id);
      return s.executeUpdate() > 0;
    }
  }

  static boolean phoneTaken(Connection c, String phone, long exceptId) throws SQLException {
    return exists(c, PHONE_TAKEN, phone, exceptId);
  }

  static boolean pointExists(Connection c, String code) throws SQLException {
    return exists(c, POINT_EXISTS, code, null);
  }

  /** Replaces the person's assigned roles; zone-derived rows that a grant repeats become assigned. */
  static void assign(Connection c, long person, List<Grant> grants) throws SQLException {
    try (PreparedStatement drop = c.prepareStatement(DROP_ASSIGNED)) {
      drop.setLong(1, person);
      drop.executeUpdate();
    }
    addGrants(c, person, grants);
  }

  /** Adds roles next to those the person holds. */
  static void addGrants(Connection c, long person, List<Grant> grants) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ASSIGN)) {
      for (Grant g : grants) {
        s.setLong(1, person);
        s.setString(2, g.role());
        s.setString(3, g.county());
        s.setString(4, g.point());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Deletes the person; when other records still refer to them (alert history, outbox, anything added later), the
   * person is anonymised instead. True when deleted.
   */
  static boolean deleteOrAnonymise(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(REDACT_CARDS)) {
      s.setLong(1, id);
      s.executeUpdate();
    }
    Savepoint before = c.setSavepoint();
    try (PreparedStatement s = c.prepareStatement(DELETE)) {
      s.setLong(1, id);
      s.executeUpdate();
      c.releaseSavepoint(before);
      return true;
    } catch (SQLException e) {
      if (!"23503".equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
    }
    for (String sql : ANONYMISE) {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setLong(1, id);
        s.executeUpdate();
      }
    }
    return false;
  }

  private static boolean exists(Connection c, String sql, String text, Long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, text);
      if (id != null) {
        s.setLong(2, id);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static JsonObject person(Connection c, ResultSet r) throws SQLException {
    long id = r.getLong(1);
    JsonObject home = r.getObject(5) == null ? null
        : new JsonObject().put("lat", r.getDouble(5)).put("lon", r.getDouble(6));
    return new JsonObject().put("id", id).put("name", r.getString(2)).put("phone", r.getString(3))
        .put("has_password", r.getBoolean(4)).put("home", home).put("roles", roles(c, id));
  }

  private static JsonArray roles(Connection c, long id) throws SQLException {
    JsonArray roles = new JsonArray();
    try (PreparedStatement s = c.prepareStatement(ROLES)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          roles.add(new JsonObject().put("role", r.getString(1))
              .put("county", r.getString(2).isEmpty() ? null : r.getString(2))
              .put("point", r.getString(3).isEmpty() ? null : r.getString(3)).put("origin", r.getString(4)));
        }
      }
    }
    return roles;
  }
}
