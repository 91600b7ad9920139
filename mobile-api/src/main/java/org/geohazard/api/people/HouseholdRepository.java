package org.geohazard.api.people;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Homes, the zones of the points near them, and the resident roles computed from both. */
final class HouseholdRepository {
  private static final String HOME = "SELECT home_latitude, home_longitude FROM person WHERE id = ?";
  private static final String SET_HOME =
      "UPDATE person SET home_latitude = ?, home_longitude = ?, updated_at = now() WHERE id = ?";
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
  private static final String ADD_ZONE = """
      INSERT INTO person_role (person_id, role, county, point_code, origin) VALUES (?, 'resident', '', ?, 'zone')
      ON CONFLICT DO NOTHING""";

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

  static void setHome(Connection c, long person, Double lat, Double lon) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SET_HOME)) {
      s.setObject(1, lat, Types.DOUBLE);
      s.setObject(2, lon, Types.DOUBLE);
      s.setLong(3, person);
      s.executeUpdate();
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

  static void addZones(Connection c, List<Long> people, List<String> points) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ADD_ZONE)) {
      for (int i = 0; i < people.size(); i++) {
        s.setLong(1, people.get(i));
        s.setString(2, points.get(i));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void bind(PreparedStatement s, double[] box) throws SQLException {
    for (int i = 0; i < 4; i++) {
      s.setDouble(i + 1, box[i]);
    }
  }
}
