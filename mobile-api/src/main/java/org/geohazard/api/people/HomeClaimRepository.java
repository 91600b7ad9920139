package org.geohazard.api.people;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.geohazard.registry.PointScope;

/** Claims of homes people set themselves, as the point's staff list and decide them, and as the person sees theirs. */
final class HomeClaimRepository {
  private static final String STAFF_ANYWHERE = "SELECT 1 FROM person_role WHERE person_id = ? AND role <> 'resident'";
  /** Parameters: point code or null (twice), the staff member, the limit. */
  private static final String PENDING = """
      SELECT c.person_id, h.name, h.phone, p.code, p.name, h.home_latitude, h.home_longitude, c.claimed_at
      FROM home_claim c JOIN person h ON h.id = c.person_id JOIN hazard_point p ON p.code = c.point_code
      WHERE c.state = 'pending' AND (?::text IS NULL OR p.code = ?) AND %s
      ORDER BY c.claimed_at, c.person_id
      LIMIT ?""".formatted(PointScope.STAFF);
  /** Parameters: the new state, the staff member (twice), the point, the person. */
  private static final String DECIDE = """
      UPDATE home_claim c SET state = ?, decided_by = ?, decided_at = now()
      FROM hazard_point p
      WHERE p.code = c.point_code AND %s AND c.point_code = ? AND c.person_id = ?
      RETURNING c.state, c.decided_at""".formatted(PointScope.STAFF);
  private static final String MINE = """
      SELECT p.code, p.name, c.state FROM home_claim c JOIN hazard_point p ON p.code = c.point_code
      WHERE c.person_id = ? AND c.state <> 'confirmed' ORDER BY p.code""";

  private HomeClaimRepository() {
  }

  /** Whether the person holds any role but resident: the only people who may decide claims anywhere. */
  static boolean staffAnywhere(Connection c, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(STAFF_ANYWHERE)) {
      s.setLong(1, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** The pending claims at the points the staff member is staff of, oldest first. */
  static JsonArray pending(Connection c, long staff, String point, int limit) throws SQLException {
    JsonArray items = new JsonArray();
    try (PreparedStatement s = c.prepareStatement(PENDING)) {
      s.setString(1, point);
      s.setString(2, point);
      s.setLong(3, staff);
      s.setInt(4, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          items.add(new JsonObject()
              .put("person", new JsonObject().put("id", r.getLong(1)).put("name", r.getString(2))
                  .put("phone", r.getString(3)))
              .put("point", new JsonObject().put("code", r.getString(4)).put("name", r.getString(5)))
              .put("home", r.getObject(6) == null ? null
                  : new JsonObject().put("lat", r.getDouble(6)).put("lon", r.getDouble(7)))
              .put("claimed_at", r.getTimestamp(8).toInstant().toString()));
        }
      }
    }
    return items;
  }

  /** Records the decision when the staff member is staff of the point; the claim as decided, or empty. */
  static Optional<JsonObject> decide(Connection c, long staff, String point, long person, String state)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DECIDE)) {
      s.setString(1, state);
      s.setLong(2, staff);
      s.setLong(3, staff);
      s.setString(4, point);
      s.setLong(5, person);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new JsonObject().put("person", new JsonObject().put("id", person))
            .put("point", new JsonObject().put("code", point)).put("state", r.getString(1))
            .put("decided_at", r.getTimestamp(2).toInstant().toString()));
      }
    }
  }

  /** The person's own claims that grant nothing (yet): pending or rejected. */
  static JsonArray mine(Connection c, long person) throws SQLException {
    JsonArray claims = new JsonArray();
    try (PreparedStatement s = c.prepareStatement(MINE)) {
      s.setLong(1, person);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          claims.add(new JsonObject().put("code", r.getString(1)).put("name", r.getString(2))
              .put("state", r.getString(3)));
        }
      }
    }
    return claims;
  }
}
