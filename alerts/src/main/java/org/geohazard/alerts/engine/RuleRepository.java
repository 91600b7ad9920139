package org.geohazard.alerts.engine;

import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.alerts.rules.RuleParser;
import org.geohazard.alerts.rules.RuleState;
import org.geohazard.alerts.rules.SteppedTimes;

/** Rules, their state and the per-point watermark. */
public final class RuleRepository {
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('point:' || ?))";
  private static final String RULES = """
      SELECT r.id, r.definition, s.severity, s.pending_severity, s.pending_samples, s.pending_since, s.clear_since,
             s.evaluated_to, s.last_value, s.stepped_from, s.stepped
      FROM warning_rule r LEFT JOIN rule_state s ON s.rule_id = r.id
      WHERE r.point_code = ? AND r.enabled
      ORDER BY r.id""";
  private static final String SAVE_STATE = """
      INSERT INTO rule_state (rule_id, severity, pending_severity, pending_samples, pending_since, clear_since,
          evaluated_to, last_value, stepped_from, stepped, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
      ON CONFLICT (rule_id) DO UPDATE SET severity = EXCLUDED.severity,
          pending_severity = EXCLUDED.pending_severity, pending_samples = EXCLUDED.pending_samples,
          pending_since = EXCLUDED.pending_since, clear_since = EXCLUDED.clear_since,
          evaluated_to = EXCLUDED.evaluated_to, last_value = EXCLUDED.last_value,
          stepped_from = EXCLUDED.stepped_from, stepped = EXCLUDED.stepped, updated_at = now()""";
  private static final String SAVE_POINT = """
      INSERT INTO point_evaluation (point_code, severity, evaluated_at) VALUES (?, ?, now())
      ON CONFLICT (point_code) DO UPDATE SET severity = EXCLUDED.severity, evaluated_at = now()""";
  private static final String POINT_NAME = "SELECT name FROM hazard_point WHERE code = ?";
  private static final String RESOLVED = "SELECT resolved_severity FROM point_evaluation WHERE point_code = ?";
  private static final String SET_RESOLVED = """
      INSERT INTO point_evaluation (point_code, severity, evaluated_at, resolved_severity) VALUES (?, 0, now(), ?)
      ON CONFLICT (point_code) DO UPDATE SET resolved_severity = EXCLUDED.resolved_severity""";

  private RuleRepository() {
  }

  /** Serialises evaluations of one point across threads and gateway instances until the transaction ends. */
  public static void lockPoint(Connection c, String point) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LOCK)) {
      s.setString(1, point);
      s.execute();
    }
  }

  static List<StoredRule> load(Connection c, String point) throws SQLException {
    List<StoredRule> rules = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(RULES)) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          RuleState state = r.getObject(3) == null ? RuleState.INITIAL
              : new RuleState(r.getInt(3), r.getInt(4), r.getInt(5), r.getLong(6), r.getLong(7), r.getLong(8),
                  r.getObject(9) == null ? Double.NaN : r.getDouble(9));
          rules.add(new StoredRule(r.getLong(1), RuleParser.parse(point, new JsonObject(r.getString(2))), state,
              stepped(r, state)));
        }
      }
    }
    return rules;
  }

  private static SteppedTimes stepped(ResultSet r, RuleState state) throws SQLException {
    Array times = r.getArray(11);
    if (r.getObject(10) == null || times == null) {
      return SteppedTimes.none(state.evaluatedTo());
    }
    Long[] boxed = (Long[]) times.getArray();
    long[] unboxed = new long[boxed.length];
    for (int i = 0; i < boxed.length; i++) {
      unboxed[i] = boxed[i];
    }
    return new SteppedTimes(r.getLong(10), unboxed);
  }

  static void saveState(Connection c, long ruleId, RuleState state, SteppedTimes stepped) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SAVE_STATE)) {
      s.setLong(1, ruleId);
      s.setInt(2, state.severity());
      s.setInt(3, state.pendingSeverity());
      s.setInt(4, state.pendingSamples());
      s.setLong(5, state.pendingSince());
      s.setLong(6, state.clearSince());
      s.setLong(7, state.evaluatedTo());
      s.setObject(8, Double.isNaN(state.lastValue()) ? null : state.lastValue(), java.sql.Types.DOUBLE);
      s.setLong(9, stepped.from());
      Long[] times = new Long[stepped.times().length];
      for (int i = 0; i < times.length; i++) {
        times[i] = stepped.times()[i];
      }
      s.setArray(10, c.createArrayOf("bigint", times));
      s.executeUpdate();
    }
  }

  static void savePoint(Connection c, String point, int severity) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SAVE_POINT)) {
      s.setString(1, point);
      s.setInt(2, severity);
      s.executeUpdate();
    }
  }

  /** The level at which a duty officer last resolved the point's warning (0 when none holds). */
  static int resolvedSeverity(Connection c, String point) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RESOLVED)) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getInt(1) : 0;
      }
    }
  }

  public static void setResolvedSeverity(Connection c, String point, int severity) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SET_RESOLVED)) {
      s.setString(1, point);
      s.setInt(2, severity);
      s.executeUpdate();
    }
  }

  static String pointName(Connection c, String point) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(POINT_NAME)) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : point;
      }
    }
  }
}
