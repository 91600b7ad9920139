package org.geohazard.api.points;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geohazard.domain.WarningLevel;
import org.geohazard.registry.PointScope;

/** Hazard points as the duty apps see them, limited to the points the caller's roles cover. */
final class PointQueries {
  private static final String POINTS = """
      SELECT p.code, p.name, p.hazard_type, p.county, p.latitude, p.longitude, p.status, coalesce(e.severity, 0)
      FROM hazard_point p LEFT JOIN point_evaluation e ON e.point_code = p.code
      WHERE %s AND p.code > ? %s ORDER BY p.code LIMIT ?""";
  private static final String DETAILS = """
      SELECT township, village, threatened_zone, households, people, property_at_risk, risk_level, evacuation_plan,
             updated_at
      FROM hazard_point WHERE code = ?""";
  private static final String DEVICES = """
      SELECT d.id, d.model, d.siren, s.online, s.battery_v, s.rssi, s.last_seen
      FROM device d LEFT JOIN device_state s ON s.device_id = d.id WHERE d.point_code = ? ORDER BY d.id""";
  private static final String CHANNELS = """
      SELECT se.id, se.channel, se.metric, se.unit, r.ts, r.value, r.flags
      FROM sensor se LEFT JOIN LATERAL (
          SELECT ts, value, flags FROM reading WHERE sensor_id = se.id ORDER BY ts DESC LIMIT 1) r ON true
      WHERE se.device_id = ? ORDER BY se.channel""";
  private static final String SENSOR_VISIBLE = """
      SELECT 1 FROM sensor se JOIN device d ON d.id = se.device_id JOIN hazard_point p ON p.code = d.point_code
      WHERE se.id = ? AND
      """ + PointScope.STAFF;
  private static final String STAFF_AT = "SELECT 1 FROM hazard_point p WHERE p.code = ? AND " + PointScope.STAFF;

  private PointQueries() {
  }

  /** A page of the points the person may see, by code, after the given code ("" for the first page). */
  static List<JsonObject> list(Connection c, long person, String after, int limit) throws SQLException {
    return points(c, person, null, after, limit);
  }

  static Optional<JsonObject> find(Connection c, long person, String code) throws SQLException {
    List<JsonObject> found = points(c, person, code, "", 1);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonObject point = details(c, found.get(0));
    return Optional.of(staff(c, person, code) ? point.put("devices", devices(c, code)) : point);
  }

  /** The administrative attributes, the threatened zone and the evacuation plan of a point already found. */
  private static JsonObject details(Connection c, JsonObject point) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DETAILS)) {
      s.setString(1, point.getString("code"));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return point.put("township", r.getString(1)).put("village", r.getString(2))
            .put("threatened_zone", json(r.getString(3))).put("households", (Integer) r.getObject(4))
            .put("people", (Integer) r.getObject(5)).put("property_at_risk", r.getString(6))
            .put("risk_level", r.getString(7)).put("evacuation_plan", json(r.getString(8)))
            .put("updated_at", r.getTimestamp(9).toInstant().toString());
      }
    }
  }

  private static JsonObject json(String text) {
    return text == null ? null : new JsonObject(text);
  }

  /** Whether the person may see the point's devices (everyone who may see it but residents). */
  private static boolean staff(Connection c, long person, String code) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(STAFF_AT)) {
      s.setString(1, code);
      s.setLong(2, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  static boolean sensorVisible(Connection c, long person, int sensor) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SENSOR_VISIBLE)) {
      s.setInt(1, sensor);
      s.setLong(2, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static List<JsonObject> points(Connection c, long person, String code, String after, int limit)
      throws SQLException {
    List<JsonObject> points = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(POINTS.formatted(PointScope.VISIBLE,
        code == null ? "" : "AND p.code = ?"))) {
      int i = 1;
      s.setLong(i++, person);
      s.setString(i++, after);
      if (code != null) {
        s.setString(i++, code);
      }
      s.setInt(i, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          points.add(new JsonObject().put("code", r.getString(1)).put("name", r.getString(2))
              .put("type", r.getString(3)).put("county", r.getString(4))
              .put("location", new JsonObject().put("lat", r.getDouble(5)).put("lon", r.getDouble(6)))
              .put("status", r.getString(7))
              .put("level", WarningLevel.ofSeverity(r.getInt(8)).map(WarningLevel::key).orElse(null)));
        }
      }
    }
    return points;
  }

  private static JsonArray devices(Connection c, String code) throws SQLException {
    JsonArray devices = new JsonArray();
    try (PreparedStatement s = c.prepareStatement(DEVICES)) {
      s.setString(1, code);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          devices.add(new JsonObject().put("id", r.getString(1)).put("model", r.getString(2))
              .put("siren", r.getBoolean(3)).put("online", (Boolean) r.getObject(4))
              .put("battery_v", r.getObject(5) == null ? null : r.getDouble(5))
              .put("rssi", (Integer) r.getObject(6))
              .put("last_seen", r.getTimestamp(7) == null ? null : r.getTimestamp(7).toInstant().toString())
              .put("channels", channels(c, r.getString(1))));
        }
      }
    }
    return devices;
  }

  private static JsonArray channels(Connection c, String device) throws SQLException {
    JsonArray channels = new JsonArray();
    try (PreparedStatement s = c.prepareStatement(CHANNELS)) {
      s.setString(1, device);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          JsonObject latest = r.getTimestamp(5) == null ? null : new JsonObject()
              .put("ts", r.getTimestamp(5).toInstant().toString()).put("value", r.getDouble(6))
              .put("out_of_range", (r.getInt(7) & 1) == 1);
          channels.add(new JsonObject().put("sensor", r.getInt(1)).put("channel", r.getString(2))
              .put("metric", r.getString(3)).put("unit", r.getString(4)).put("latest", latest));
        }
      }
    }
    return channels;
  }
}
