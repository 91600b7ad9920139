package org.geohazard.api.figures;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.api.alerts.AlertLevels;
import org.geohazard.api.alerts.Scope;

/**
 * A year's figures per hazard point of the counties whose duty room the caller runs, in one grouped query:
 * <ul>
 *   <li>warnings: alerts of kind warning or manual raised in the year, not drills, by the highest level they reached
 *       (their raised and level_up events);
 *   <li>evacuations: those alerts with at least one 'evacuated' check-in, and the evacuated check-ins (one per person
 *       and alert); safe: the 'safe' check-ins on those alerts;
 *   <li>drills started in the year at the point;
 *   <li>devices (sirens excepted): sample slots — intervals of the device's sample_interval_s counted from the start
 *       of its window — with at least one reading, against the slots in its window: from the later of the year's
 *       start and its first reading ever (the year's start if it never sent one) to the earlier of the year's end and
 *       now.
 * </ul>
 */
final class FigureQueries {
  private static final String POINTS = """
      WITH pts AS (
          SELECT p.code, p.name, p.county, p.status FROM hazard_point p
          CROSS JOIN LATERAL (SELECT p.code AS point_code) a
          WHERE %s AND (?::text IS NULL OR p.county = ?)),
      peaks AS (
          SELECT al.id, al.point_code, greatest(max(%s), %s) AS severity
          FROM alert al JOIN pts ON pts.code = al.point_code
          LEFT JOIN alert_event e ON e.alert_id = al.id AND e.type IN ('raised', 'level_up')
          WHERE al.kind IN ('warning', 'manual') AND NOT al.drill AND al.raised_at >= ? AND al.raised_at < ?
          GROUP BY al.id, al.point_code, al.level),
      answers AS (
          SELECT c.alert_id, count(*) FILTER (WHERE c.status = 'evacuated') AS evacuated,
                 count(*) FILTER (WHERE c.status = 'safe') AS safe
          FROM check_in c JOIN peaks k ON k.id = c.alert_id GROUP BY c.alert_id),
      alert_figures AS (
          SELECT k.point_code, count(*) FILTER (WHERE k.severity = 1) AS blue,
                 count(*) FILTER (WHERE k.severity = 2) AS yellow, count(*) FILTER (WHERE k.severity = 3) AS orange,
                 count(*) FILTER (WHERE k.severity = 4) AS red, count(*) FILTER (WHERE n.evacuated > 0) AS evacuations,
                 coalesce(sum(n.evacuated), 0) AS evacuated, coalesce(sum(n.safe), 0) AS safe
          FROM peaks k LEFT JOIN answers n ON n.alert_id = k.id GROUP BY k.point_code),
      drill_figures AS (
          SELECT d.point_code, count(*) AS drills FROM drill d JOIN pts ON pts.code = d.point_code
          WHERE d.started_at >= ? AND d.started_at < ? GROUP BY d.point_code),
      windows AS (
          SELECT dv.id, dv.point_code, dv.sample_interval_s AS step,
                 greatest(?::timestamptz, coalesce(f.first_ts, ?::timestamptz)) AS since,
                 least(?::timestamptz, now()) AS until
          FROM device dv JOIN pts ON pts.code = dv.point_code
          LEFT JOIN LATERAL (
              SELECT min(x.ts) AS first_ts FROM sensor se
              CROSS JOIN LATERAL (SELECT r.ts FROM reading r WHERE r.sensor_id = se.id ORDER BY r.ts LIMIT 1) x
              WHERE se.device_id = dv.id) f ON true
          WHERE NOT dv.siren),
      slots AS (
          SELECT w.point_code,
                 CASE WHEN w.until > w.since THEN ceil(extract(epoch FROM w.until - w.since) / w.step)::bigint
                      ELSE 0 END AS expected,
                 (SELECT count(DISTINCT floor(extract(epoch FROM r.ts - w.since) / w.step))
                  FROM sensor se JOIN reading r ON r.sensor_id = se.id
                  WHERE se.device_id = w.id AND r.ts >= w.since AND r.ts < w.until) AS received
          FROM windows w),
      device_figures AS (
          SELECT point_code, count(*) AS devices, sum(least(received, expected)) AS received,
                 sum(expected) AS expected
          FROM slots GROUP BY point_code)
      SELECT pts.code, pts.name, pts.county, pts.status,
             coalesce(af.blue, 0), coalesce(af.yellow, 0), coalesce(af.orange, 0), coalesce(af.red, 0),
             coalesce(af.evacuations, 0), coalesce(af.evacuated, 0), coalesce(af.safe, 0), coalesce(df.drills, 0),
             coalesce(vf.devices, 0), coalesce(vf.received, 0), coalesce(vf.expected, 0)
      FROM pts
      LEFT JOIN alert_figures af ON af.point_code = pts.code
      LEFT JOIN drill_figures df ON df.point_code = pts.code
      LEFT JOIN device_figures vf ON vf.point_code = pts.code
      ORDER BY pts.county, pts.code""".formatted(Scope.MAY_RESOLVE, AlertLevels.severity("e.level"),
      AlertLevels.severity("al.level"));
  private static final String DUTY_ROOM =
      "SELECT 1 FROM person_role WHERE person_id = ? AND role IN ('duty_officer', 'leader', 'admin')";
  private static final String DEPLOYMENT_DRILLS =
      "SELECT count(*) FROM drill WHERE point_code IS NULL AND started_at >= ? AND started_at < ?";

  /** One point's figures for the year. */
  record PointFigures(String code, String name, String county, String status, long blue, long yellow, long orange,
      long red, long evacuations, long evacuated, long safe, long drills, long devices, long samplesReceived,
      long samplesExpected) {
  }

  private FigureQueries() {
  }

  static List<PointFigures> points(Connection c, long person, String county, Instant from, Instant to)
      throws SQLException {
    List<PointFigures> points = new ArrayList<>();
    Timestamp start = Timestamp.from(from);
    Timestamp end = Timestamp.from(to);
    try (PreparedStatement s = c.prepareStatement(POINTS)) {
      s.setLong(1, person);
      s.setString(2, county);
      s.setString(3, county);
      s.setTimestamp(4, start);
      s.setTimestamp(5, end);
      s.setTimestamp(6, start);
      s.setTimestamp(7, end);
      s.setTimestamp(8, start);
      s.setTimestamp(9, start);
      s.setTimestamp(10, end);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          points.add(new PointFigures(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
              r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11), r.getLong(12),
              r.getLong(13), r.getLong(14), r.getLong(15)));
        }
      }
    }
    return points;
  }

  /** Whether the person is a duty officer, leader or administrator anywhere. */
  static boolean runsADutyRoom(Connection c, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DUTY_ROOM)) {
      s.setLong(1, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Drills started in the year for the whole deployment. */
  static long deploymentDrills(Connection c, Instant from, Instant to) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DEPLOYMENT_DRILLS)) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
