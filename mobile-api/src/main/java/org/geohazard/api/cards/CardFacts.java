package org.geohazard.api.cards;

import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a card says, read from the registry as it stands: the point, its devices and their metrics, the county's duty
 * officers (those on shift now first), the point's responsible persons and monitors, and the card's holder.
 */
record CardFacts(Point point, Contact holder, List<Device> devices, List<Contact> dutyOfficers,
    List<Contact> responsible, List<Contact> monitors) {
  /** How many people of a kind a card lists: enough for a duty room, short enough for a card. */
  private static final int MAX_CONTACTS = 5;
  private static final int MAX_DEVICES = 20;
  /** More points than a villager lives or watches at. */
  private static final int MAX_HELD = 20;
  private static final String HELD = """
      SELECT DISTINCT r.role, r.point_code FROM person_role r JOIN hazard_point p ON p.code = r.point_code
      WHERE r.person_id = ? AND r.role IN ('monitor', 'resident') AND p.status <> 'delisted'
      ORDER BY r.point_code, r.role LIMIT ?""";
  private static final String POINT = """
      SELECT code, name, hazard_type, county, township, village, latitude, longitude, households, people,
             property_at_risk, risk_level, evacuation_plan
      FROM hazard_point WHERE code = ?""";
  private static final String HOLDER = """
      SELECT pe.name, pe.phone FROM person pe WHERE pe.id = ? AND EXISTS (SELECT 1 FROM person_role r
          WHERE r.person_id = pe.id AND r.role = ? AND r.point_code = ?)""";
  private static final String DEVICES = """
      SELECT d.id, array_remove(array_agg(DISTINCT se.metric), NULL) FROM device d
      LEFT JOIN sensor se ON se.device_id = d.id WHERE d.point_code = ? GROUP BY d.id ORDER BY d.id LIMIT ?""";
  private static final String DUTY_OFFICERS = """
      SELECT pe.name, pe.phone FROM person pe
      WHERE EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = pe.id AND r.role = 'duty_officer' AND r.county = ?)
      ORDER BY EXISTS (SELECT 1 FROM duty_shift s WHERE s.person_id = pe.id AND s.county = ? AND s.role = 'duty_officer'
                       AND s.starts_at <= now() AND now() < s.ends_at) DESC, pe.name, pe.id
      LIMIT ?""";
  private static final String AT_POINT = """
      SELECT pe.name, pe.phone FROM person pe
      WHERE EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = pe.id AND r.role = ? AND r.point_code = ?)
      ORDER BY pe.name, pe.id LIMIT ?""";

  /** A hazard point as the registry holds it. */
  record Point(String code, String name, String type, String county, String township, String village,
      double latitude, double longitude, Integer households, Integer people, String propertyAtRisk,
      String riskLevel, JsonObject evacuation) {
  }

  /** A card a person holds: its kind and point. */
  record Held(CardKind kind, String point) {
  }

  /** A person to call. */
  record Contact(String name, String phone) {
  }

  /** A device at the point and the metrics its channels measure. */
  record Device(String id, List<String> metrics) {
  }

  /**
   * The facts for the person's card of the kind at the point; empty when the person does not hold that card there (a
   * work card is a monitor's, an avoidance card a resident's).
   */
  static Optional<CardFacts> read(Connection c, CardKind kind, String code, long person) throws SQLException {
    Optional<Contact> holder = holder(c, kind, code, person);
    if (holder.isEmpty()) {
      return Optional.empty();
    }
    Point point = point(c, code);
    return Optional.of(new CardFacts(point, holder.get(), devices(c, code), dutyOfficers(c, point.county()),
        atPoint(c, "responsible_person", code), atPoint(c, "monitor", code)));
  }

  /** The cards the person holds: a work card per point they monitor, an avoidance card per point they live at. */
  static List<Held> heldBy(Connection c, long person) throws SQLException {
    List<Held> held = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(HELD)) {
      s.setLong(1, person);
      s.setInt(2, MAX_HELD);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          held.add(new Held(r.getString(1).equals("monitor") ? CardKind.WORK : CardKind.AVOIDANCE, r.getString(2)));
        }
      }
    }
    return held;
  }

  private static Optional<Contact> holder(Connection c, CardKind kind, String code, long person)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HOLDER)) {
      s.setLong(1, person);
      s.setString(2, kind.holderRole());
      s.setString(3, code);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new Contact(r.getString(1), r.getString(2))) : Optional.empty();
      }
    }
  }

  private static Point point(Connection c, String code) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(POINT)) {
      s.setString(1, code);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        String plan = r.getString(13);
        return new Point(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
            r.getString(6), r.getDouble(7), r.getDouble(8), r.getObject(9, Integer.class),
            r.getObject(10, Integer.class), r.getString(11), r.getString(12),
            plan == null ? new JsonObject() : new JsonObject(plan));
      }
    }
  }

  private static List<Device> devices(Connection c, String code) throws SQLException {
    List<Device> devices = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(DEVICES)) {
      s.setString(1, code);
      s.setInt(2, MAX_DEVICES);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Array metrics = r.getArray(2);
          devices.add(new Device(r.getString(1), Arrays.stream((Object[]) metrics.getArray())
              .map(String.class::cast).toList()));
        }
      }
    }
    return devices;
  }

  private static List<Contact> dutyOfficers(Connection c, String county) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DUTY_OFFICERS)) {
      s.setString(1, county);
      s.setString(2, county);
      s.setInt(3, MAX_CONTACTS);
      return contacts(s);
    }
  }

  private static List<Contact> atPoint(Connection c, String role, String code) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(AT_POINT)) {
      s.setString(1, role);
      s.setString(2, code);
      s.setInt(3, MAX_CONTACTS);
      return contacts(s);
    }
  }

  private static List<Contact> contacts(PreparedStatement s) throws SQLException {
    List<Contact> contacts = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        contacts.add(new Contact(r.getString(1), r.getString(2)));
      }
    }
    return contacts;
  }
}
