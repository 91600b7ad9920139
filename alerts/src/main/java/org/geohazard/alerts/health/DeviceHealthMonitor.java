package org.geohazard.alerts.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.geohazard.alerts.config.HealthConfig;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.lifecycle.AlertKind;
import org.geohazard.alerts.lifecycle.AlertRepository;
import org.geohazard.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device health as alerts of its own kind: offline (a Will, or silent for several sampling intervals), low battery,
 * a stuck channel, values out of range, a clock so wrong that the device's readings cannot warn (behind by more than
 * the late-after limit, so every reading counts as late; or ahead, so every reading is refused as from the
 * future). Each round finds the conditions that hold now, raises an alert for each new
 * one and ends the alerts whose condition has cleared — one open alert per device and condition. Only one gateway
 * runs a round at a time (a transaction-scoped advisory lock); the others skip it.
 */
public final class DeviceHealthMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceHealthMonitor.class);
  private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('device-health'))";
  // How far the newest sample a device sent lags behind its arrival, over what arrived lately: an honest backlog
  // ends with a fresh sample (no lag); a clock that is behind makes even the newest sample old. Samples sent without
  // a time are left out (they carry the receive time). The first bound on received_at is for the BRIN index.
  private static final String NEWEST_SAMPLE_LAG = """
      SELECT se.device_id, max(r.received_at) - max(r.ts) AS behind
      FROM reading r JOIN sensor se ON se.id = r.sensor_id JOIN device dv ON dv.id = se.device_id
      WHERE r.received_at > now()
                            - greatest(?, (SELECT max(sample_interval_s) FROM device) * ?) * INTERVAL '1 second'
        AND r.received_at > now() - greatest(?, dv.sample_interval_s * ?) * INTERVAL '1 second'
        AND r.flags & 2 = 0
      GROUP BY se.device_id""";
  private static final String CONDITIONS = """
      SELECT d.point_code, d.id, 'offline', 'Device ' || d.id || ' is offline'
      FROM device d LEFT JOIN device_state s ON s.device_id = d.id
      WHERE s.online = false
         OR coalesce(s.last_seen, d.updated_at) < now() - d.sample_interval_s * ? * INTERVAL '1 second'
      UNION ALL
      SELECT d.point_code, d.id, 'low_battery', 'Device ' || d.id || ' battery low: ' || round(s.battery_v::numeric, 2) || ' V'
      FROM device d JOIN device_state s ON s.device_id = d.id
      WHERE s.battery_v < ?
      UNION ALL
      SELECT d.point_code, d.id, 'stuck:' || se.channel, 'Device ' || d.id || ' channel ' || se.channel
             || ' reports the same value for hours'
      FROM sensor se JOIN device d ON d.id = se.device_id
      WHERE se.metric <> 'rainfall' AND EXISTS (
          SELECT 1 FROM reading r WHERE r.sensor_id = se.id AND r.ts > now() - ? * INTERVAL '1 second'
          HAVING count(*) >= 6 AND min(r.value) = max(r.value)
             AND min(r.ts) < now() - ? * INTERVAL '1 second' * 0.9)
      UNION ALL
      SELECT d.point_code, d.id, 'out_of_range', 'Device ' || d.id || ' sends values outside their valid range'
      FROM device d
      WHERE EXISTS (SELECT 1 FROM reading r JOIN sensor se ON se.id = r.sensor_id
                    WHERE se.device_id = d.id AND r.flags & 1 = 1 AND r.received_at > now() - ? * INTERVAL '1 second')
      UNION ALL
      SELECT d.point_code, d.id, 'clock_skew', 'Device ' || d.id || ' clock is '
             || round(extract(epoch FROM k.behind) / 60) || ' minutes behind: its readings arrive too late to raise'
             || ' a warning, so they protect nobody until its clock is set'
      FROM device d JOIN (%1$s) k ON k.device_id = d.id
      WHERE k.behind > ? * INTERVAL '1 second'
      UNION ALL
      SELECT d.point_code, d.id, 'clock_skew', 'Device ' || d.id || ' clock is ahead: its readings are refused as'
             || ' from the future, so they protect nobody until its clock is set'
      FROM device d LEFT JOIN device_state s ON s.device_id = d.id
      WHERE EXISTS (SELECT 1 FROM dead_letter l WHERE l.device_id = d.id AND l.reason = 'future_timestamp'
                    AND l.received_at > now() - ? * INTERVAL '1 second'
                    AND l.received_at > coalesce(s.last_seen, '-infinity'))""".formatted(NEWEST_SAMPLE_LAG);
  private static final String OPEN = """
      SELECT id, point_code, source FROM alert WHERE kind = 'device' AND closed_at IS NULL""";

  private final DataSource dataSource;
  private final HealthConfig config;
  private final Duration lateAfter;
  private final Notifier notifier;

  /** @param lateAfter the late-after limit of the rules (alerts.late-after-s): a clock further behind is skewed */
  public DeviceHealthMonitor(DataSource dataSource, HealthConfig config, Duration lateAfter, Notifier notifier) {
    this.dataSource = dataSource;
    this.config = config;
    this.lateAfter = lateAfter;
    this.notifier = notifier;
  }

  /** One round; returns the number of alerts raised plus ended. Blocking. */
  public int runOnce() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return Database.inTransaction(connection, c -> {
        if (!locked(c)) {
          return 0;
        }
        Map<String, String[]> now = conditions(c);
        Map<String, Long> open = openAlerts(c);
        int changes = 0;
        for (Map.Entry<String, String[]> condition : now.entrySet()) {
          if (!open.containsKey(condition.getKey())) {
            String[] row = condition.getValue();
            long id = AlertRepository.raise(c, row[0], row[2], AlertKind.DEVICE, null, row[1], false, null);
            notifier.deviceHealth(c, id, row[0], row[1], true);
            LOG.warn("[point: {}] {}", row[0], row[1]);
            changes++;
          }
        }
        for (Map.Entry<String, Long> alert : open.entrySet()) {
          if (!now.containsKey(alert.getKey())) {
            String point = alert.getKey().substring(0, alert.getKey().indexOf('|'));
            AlertRepository.expire(c, alert.getValue(), null);
            notifier.deviceHealth(c, alert.getValue(), point, "Cleared: " + alert.getKey().substring(
                alert.getKey().indexOf('|') + 1), false);
            changes++;
          }
        }
        return changes;
      });
    }
  }

  private static boolean locked(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LOCK); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getBoolean(1);
    }
  }

  /** Conditions holding now, keyed "point|source", with point, title and source. */
  private Map<String, String[]> conditions(Connection c) throws SQLException {
    Map<String, String[]> conditions = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(CONDITIONS)) {
      s.setInt(1, config.offlineAfterIntervals());
      s.setDouble(2, config.lowBatteryVolts());
      s.setLong(3, config.stuckFor().toSeconds());
      s.setLong(4, config.stuckFor().toSeconds());
      s.setLong(5, config.outOfRangeWithin().toSeconds());
      // what arrived within the late-after limit, or within the device's offline window when it samples rarely
      for (int bound = 0; bound < 2; bound++) {
        s.setLong(6 + 2 * bound, lateAfter.toSeconds());
        s.setInt(7 + 2 * bound, config.offlineAfterIntervals());
      }
      s.setLong(10, lateAfter.toSeconds());
      s.setLong(11, lateAfter.toSeconds());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String source = "device:" + r.getString(2) + ":" + r.getString(3);
          conditions.put(r.getString(1) + "|" + source, new String[] {r.getString(1), r.getString(4), source});
        }
      }
    }
    return conditions;
  }

  private static Map<String, Long> openAlerts(Connection c) throws SQLException {
    Map<String, Long> open = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(OPEN); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        open.put(r.getString(2) + "|" + r.getString(3), r.getLong(1));
      }
    }
    return open;
  }

}
