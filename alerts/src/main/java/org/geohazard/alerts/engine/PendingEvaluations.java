package org.geohazard.alerts.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The points that have readings their rules have not stepped yet: after a crash or a kill, the points that were
 * waiting in memory for evaluation when the gateway stopped (their readings were committed and acknowledged, so
 * the broker will not send them again). Found at start with one query over the readings received since shortly
 * before the last evaluation anywhere, which the BRIN index on {@code reading.received_at} reads cheaply; no
 * point's windows are read.
 */
public final class PendingEvaluations {
  /**
   * How far before the last evaluation to look: covers an evaluator that was that far behind when it stopped, and
   * clock differences between the gateways that stamp {@code received_at} and the database that stamps
   * {@code evaluated_at}. Looking further only re-evaluates points that have nothing new, which changes nothing.
   */
  static final Duration LOOK_BEFORE_LAST_EVALUATION = Duration.ofHours(1);

  // A rule reads "DEVICE/CHANNEL" from 'channel', or from 'channels' when given (tangent angles on a vector).
  // A reading is pending for a rule when it is past the rule's watermark, or below it in the stretch the rule
  // lists as stepped and not listed (committed after newer ones); a rule never evaluated has everything pending.
  private static final String PENDING = """
      WITH recent AS (
          SELECT r.sensor_id, (extract(epoch FROM r.ts) * 1000)::bigint AS ts_ms
          FROM reading r
          WHERE r.received_at > (SELECT coalesce(max(evaluated_at), '-infinity') FROM point_evaluation)
                                - ? * INTERVAL '1 second'
            AND r.flags & 1 = 0),
      rule_sensor AS (
          SELECT w.point_code, s.id AS sensor_id, st.evaluated_to, st.stepped_from, st.stepped
          FROM warning_rule w
          CROSS JOIN LATERAL (
              SELECT w.definition ->> 'channel' AS ref WHERE w.definition -> 'channels' IS NULL
              UNION ALL
              SELECT jsonb_array_elements_text(w.definition -> 'channels')
              WHERE w.definition -> 'channels' IS NOT NULL) c
          JOIN sensor s ON s.device_id || '/' || s.channel = c.ref
          LEFT JOIN rule_state st ON st.rule_id = w.id
          WHERE w.enabled)
      SELECT DISTINCT rs.point_code
      FROM rule_sensor rs JOIN recent r ON r.sensor_id = rs.sensor_id
      WHERE rs.evaluated_to IS NULL OR rs.evaluated_to < 0 OR r.ts_ms > rs.evaluated_to
         OR (r.ts_ms > rs.stepped_from AND NOT r.ts_ms = ANY (rs.stepped))
      ORDER BY rs.point_code""";

  private PendingEvaluations() {
  }

  public static List<String> find(Connection connection) throws SQLException {
    List<String> points = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(PENDING)) {
      s.setLong(1, LOOK_BEFORE_LAST_EVALUATION.toSeconds());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          points.add(r.getString(1));
        }
      }
    }
    return points;
  }
}
