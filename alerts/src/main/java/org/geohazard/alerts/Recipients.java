package org.geohazard.alerts;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.geohazard.domain.WarningLevel;

/**
 * Resolves a point's recipients for a level: duty officers and the leader on duty from the roster of the point's
 * county (everyone holding the role in the county when nobody is rostered, so a warning is never sent to no one),
 * monitors, responsible persons and residents from their roles at the point.
 */
public final class Recipients {
  private static final String POLICY = "SELECT roles, sirens FROM recipient_policy WHERE point_code = ? AND level = ?";
  private static final String ON_DUTY = """
      SELECT DISTINCT d.person_id FROM duty_shift d JOIN hazard_point p ON p.county = d.county
      WHERE p.code = ? AND d.role = ? AND now() >= d.starts_at AND now() < d.ends_at""";
  private static final String IN_COUNTY = """
      SELECT DISTINCT r.person_id FROM person_role r JOIN hazard_point p ON p.county = r.county
      WHERE p.code = ? AND r.role = ?""";
  private static final String ADMINS = "SELECT DISTINCT person_id FROM person_role WHERE role = 'admin'";
  private static final String AT_POINT = "SELECT DISTINCT person_id FROM person_role WHERE point_code = ? AND role = ?";
  private static final String SIRENS = "SELECT id FROM device WHERE point_code = ? AND siren ORDER BY id";
  // Everyone an alert's messages went to, whatever became of them: the record of who was told.
  private static final String TOLD = """
      SELECT person_id FROM outbox WHERE alert_id = ? AND person_id IS NOT NULL GROUP BY person_id ORDER BY min(id)""";
  private static final String TOLD_AT = """
      SELECT person_id FROM outbox WHERE alert_id = ? AND person_id IS NOT NULL AND payload->>'level' = ANY (?)
      GROUP BY person_id ORDER BY min(id)""";
  // Sirens whose last command from this alert was "on".
  private static final String SIRENS_ON = """
      SELECT device_id FROM (
          SELECT DISTINCT ON (device_id) device_id, payload->'params'->>'action' AS action FROM outbox
          WHERE alert_id = ? AND channel = 'siren' AND device_id IS NOT NULL
          ORDER BY device_id, id DESC) last
      WHERE action = 'on' ORDER BY device_id""";
  private static final String SAMPLED = """
      SELECT id, sample_interval_s FROM device WHERE point_code = ? AND NOT siren ORDER BY id""";

  private Recipients() {
  }

  public static RecipientPolicy policy(Connection c, String point, WarningLevel level) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(POLICY)) {
      s.setString(1, point);
      s.setString(2, level.key());
      try (ResultSet r = s.executeQuery()) {
        if (r.next()) {
          Array roles = r.getArray(1);
          return new RecipientPolicy(List.of((String[]) roles.getArray()), r.getBoolean(2));
        }
      }
    }
    return RecipientPolicy.defaultFor(level);
  }

  /** The people to tell, each once. */
  public static List<Long> people(Connection c, String point, List<String> roles) throws SQLException {
    Set<Long> people = new LinkedHashSet<>();
    for (String role : roles) {
      if (role.equals("duty_officer") || role.equals("leader")) {
        List<Long> onDuty = ids(c, ON_DUTY, point, role);
        people.addAll(onDuty.isEmpty() ? ids(c, IN_COUNTY, point, role) : onDuty);
      } else {
        people.addAll(ids(c, AT_POINT, point, role));
      }
    }
    return new ArrayList<>(people);
  }

  /** The leader on duty for the point's county (everyone with the role there when nobody is rostered). */
  public static List<Long> leaders(Connection c, String point) throws SQLException {
    return people(c, point, List.of("leader"));
  }

  /** The next tier above the leader on duty: every leader of the point's county, and the administrators. */
  public static List<Long> nextTier(Connection c, String point) throws SQLException {
    Set<Long> people = new LinkedHashSet<>(ids(c, IN_COUNTY, point, "leader"));
    try (PreparedStatement s = c.prepareStatement(ADMINS); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        people.add(r.getLong(1));
      }
    }
    return new ArrayList<>(people);
  }

  public static List<Long> dutyOfficers(Connection c, String point) throws SQLException {
    return people(c, point, List.of("duty_officer"));
  }

  public static List<String> sirens(Connection c, String point) throws SQLException {
    List<String> devices = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(SIRENS)) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          devices.add(r.getString(1));
        }
      }
    }
    return devices;
  }

  /** Everyone the alert has told, by any channel and for any purpose, in the order they were first told. */
  public static List<Long> toldBy(Connection c, long alertId) throws SQLException {
    return longs(c, TOLD, alertId, null);
  }

  /** Everyone the alert told at a level above the given one. */
  public static List<Long> toldAbove(Connection c, long alertId, WarningLevel level) throws SQLException {
    List<String> above = new ArrayList<>();
    for (WarningLevel higher : WarningLevel.values()) {
      if (higher.isAbove(level)) {
        above.add(higher.key());
      }
    }
    return above.isEmpty() ? List.of() : longs(c, TOLD_AT, alertId, above.toArray(String[]::new));
  }

  /** The sirens the alert switched on and has not switched off. */
  public static List<String> sirensStillOn(Connection c, long alertId) throws SQLException {
    List<String> devices = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(SIRENS_ON)) {
      s.setLong(1, alertId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          devices.add(r.getString(1));
        }
      }
    }
    return devices;
  }

  /** A measuring device and its normal sampling interval. */
  public record SampledDevice(String id, int intervalSeconds) {
  }

  public static List<SampledDevice> sampledDevices(Connection c, String point) throws SQLException {
    List<SampledDevice> devices = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(SAMPLED)) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          devices.add(new SampledDevice(r.getString(1), r.getInt(2)));
        }
      }
    }
    return devices;
  }

  private static List<Long> longs(Connection c, String sql, long alertId, String[] levels) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, alertId);
      if (levels != null) {
        s.setArray(2, c.createArrayOf("text", levels));
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }

  private static List<Long> ids(Connection c, String sql, String point, String role) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, point);
      s.setString(2, role);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }
}
