package org.geohazard.registry.households;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.registry.PointScope;

/**
 * Homes, the zones of the points near them, the resident roles computed from both, and the claims of homes the people
 * set themselves.
 */
final class HouseholdRepository {
  private static final String HOME = "SELECT home_latitude, home_longitude FROM person WHERE id = ?";
  /** A home the person sets themselves; nothing happens when it is the one they have. */
  private static final String SET_HOME = """
      UPDATE person SET home_latitude = ?, home_longitude = ?, home_origin = 'self', updated_at = now()
      WHERE id = ? AND (home_latitude IS DISTINCT FROM ? OR home_longitude IS DISTINCT FROM ?)""";
  private static final String DROP_CLAIMS = "DELETE FROM home_claim WHERE person_id = ?";
  private static final String ZONED_POINTS_IN = """
      SELECT code, latitude, longitude, threatened_zone FROM hazard_point
      WHERE threatened_zone IS NOT NULL AND status <> 'delisted'
        AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?""";
  private static final String ZONED_POINT = """
      SELECT code, latitude, longitude, threatened_zone FROM hazard_point
      WHERE threatened_zone IS NOT NULL AND status <> 'delisted' AND code = ?""";
  private static final String HOMES_IN = """
      SELECT id, home_latitude, home_longitude FROM person
      WHERE home_latitude BETWEEN ? AND ? AND home_longitude BETWEEN ? AND ?""";
  private static final String HOMES_OF = """
      SELECT id FROM person WHERE phone = ANY (?) AND home_latitude IS NOT NULL ORDER BY id""";
  private static final String DROP_PERSON_ZONES =
      "DELETE FROM person_role WHERE person_id = ? AND origin = 'zone'";
  private static final String DROP_POINT_ZONES =
      "DELETE FROM person_role WHERE point_code = ? AND origin = 'zone'";
  /**
   * A zone role where the home allows it: recorded by administrators, confirmed by the point's staff, or set by a
   * person who is staff of the point. Parameters: point, person, person.
   */
  private static final String ADD_ZONE = """
      INSERT INTO person_role (person_id, role, county, point_code, origin)
      SELECT h.id, 'resident', '', p.code, 'zone' FROM person h JOIN hazard_point p ON p.code = ?
      WHERE h.id = ?
        AND (h.home_origin = 'registry'
             OR EXISTS (SELECT 1 FROM home_claim c
                        WHERE c.person_id = h.id AND c.point_code = p.code AND c.state = 'confirmed')
             OR %s)
      ON CONFLICT DO NOTHING""".formatted(PointScope.STAFF);
  /** Where the zone gave no role, a claim for the staff (a rejected or confirmed one stays as it is). */
  private static final String CLAIM = """
      INSERT INTO home_claim (person_id, point_code) SELECT ?, ?
      WHERE NOT EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = ? AND r.point_code = ? AND r.role = 'resident')
      ON CONFLICT DO NOTHING""";
  /** Pending claims the person's home no longer supports, or that a resident role made moot. */
  private static final String PRUNE_PERSON_CLAIMS = """
      DELETE FROM home_claim c WHERE c.person_id = ? AND c.state = 'pending'
        AND (NOT (c.point_code = ANY (?)) OR EXISTS (SELECT 1 FROM person_role r
             WHERE r.person_id = c.person_id AND r.point_code = c.point_code AND r.role = 'resident'))""";
  /** Pending claims at the point whose people no longer live in its zone, or that a resident role made moot. */
  private static final String PRUNE_POINT_CLAIMS = """
      DELETE FROM home_claim c WHERE c.point_code = ? AND c.state = 'pending'
        AND (NOT (c.person_id = ANY (?)) OR EXISTS (SELECT 1 FROM person_role r
             WHERE r.person_id = c.person_id AND r.point_code = c.point_code AND r.role = 'resident'))""";

  /** A point with a zone, as stored. */
  record ZonedPoint(String code, double lat, double lon, String zone) {
  }

  /** A person's home. */
  record Home(long person, double lat, double lon) {
  }

  private HouseholdRepository() {
  }

  /** The home of the person, or null. */
  static Home home(Connection c, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HOME)) {
      s.setLong(1, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getObject(1) != null ? new Home(person, r.getDouble(1), r.getDouble(2)) : null;
      }
    }
  }

  /** Sets the home the person gave; a home other than the one they had drops their claims. */
  static void setHome(Connection c, long person, Double lat, Double lon) throws SQLException {
    boolean moved;
    try (PreparedStatement s = c.prepareStatement(SET_HOME)) {
      s.setObject(1, lat, Types.DOUBLE);
      s.setObject(2, lon, Types.DOUBLE);
      s.setLong(3, person);
      s.setObject(4, lat, Types.DOUBLE);
      s.setObject(5, lon, Types.DOUBLE);
      moved = s.executeUpdate() > 0;
    }
    if (moved) {
      try (PreparedStatement s = c.prepareStatement(DROP_CLAIMS)) {
        s.setLong(1, person);
        s.executeUpdate();
      }
    }
  }

  static List<ZonedPoint> zonedPointsIn(Connection c, double[] box) throws SQLException {
    List<ZonedPoint> points = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(ZONED_POINTS_IN)) {
      bind(s, box);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          points.add(new ZonedPoint(r.getString(1), r.getDouble(2), r.getDouble(3), r.getString(4)));
        }
      }
    }
    return points;
  }

  static ZonedPoint zonedPoint(Connection c, String code) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ZONED_POINT)) {
      s.setString(1, code);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? new ZonedPoint(r.getString(1), r.getDouble(2), r.getDouble(3), r.getString(4)) : null;
      }
    }
  }

  static List<Home> homesIn(Connection c, double[] box) throws SQLException {
    List<Home> homes = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(HOMES_IN)) {
      bind(s, box);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          homes.add(new Home(r.getLong(1), r.getDouble(2), r.getDouble(3)));
        }
      }
    }
    return homes;
  }

  /** The people of these phone numbers who have a home. */
  static List<Long> withHomes(Connection c, List<String> phones) throws SQLException {
    List<Long> people = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(HOMES_OF)) {
      s.setArray(1, c.createArrayOf("text", phones.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          people.add(r.getLong(1));
        }
      }
    }
    return people;
  }

  static void dropPersonZones(Connection c, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DROP_PERSON_ZONES)) {
      s.setLong(1, person);
      s.executeUpdate();
    }
  }

  static void dropPointZones(Connection c, String code) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DROP_POINT_ZONES)) {
      s.setString(1, code);
      s.executeUpdate();
    }
  }

  /** For each (person, point) whose zone holds the person's home: the role where allowed, a claim elsewhere. */
  static void addZones(Connection c, List<Long> people, List<String> points) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ADD_ZONE)) {
      for (int i = 0; i < people.size(); i++) {
        s.setString(1, points.get(i));
        s.setLong(2, people.get(i));
        s.setLong(3, people.get(i));
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s = c.prepareStatement(CLAIM)) {
      for (int i = 0; i < people.size(); i++) {
        s.setLong(1, people.get(i));
        s.setString(2, points.get(i));
        s.setLong(3, people.get(i));
        s.setString(4, points.get(i));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  static void prunePersonClaims(Connection c, long person, List<String> points) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PRUNE_PERSON_CLAIMS)) {
      s.setLong(1, person);
      s.setArray(2, c.createArrayOf("text", points.toArray()));
      s.executeUpdate();
    }
  }

  static void prunePointClaims(Connection c, String point, List<Long> people) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PRUNE_POINT_CLAIMS)) {
      s.setString(1, point);
      s.setArray(2, c.createArrayOf("bigint", people.toArray()));
      s.executeUpdate();
    }
  }

  private static void bind(PreparedStatement s, double[] box) throws SQLException {
    for (int i = 0; i < 4; i++) {
      s.setDouble(i + 1, box[i]);
    }
  }
}
