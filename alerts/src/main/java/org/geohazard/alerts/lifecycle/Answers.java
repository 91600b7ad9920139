package org.geohazard.alerts.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.geohazard.domain.WarningLevel;

/**
 * 叫应, per level: an answer covers the level the alert is at, and a level up needs a new one. Only the duty room —
 * a duty officer or leader of the point's county, or an administrator (the top of the escalation) — stops the
 * reminders and escalation; a monitor's or responsible person's answer is recorded as received, with the level, and
 * the chain goes on. Every answer is an alert_event with its level and the person, so the history shows who answered
 * which level.
 */
public final class Answers {
  /** What became of an answer. */
  public enum Outcome {
    /** The duty room has the alert at its level; reminders and escalation stop until a level up. */
    ANSWERED,
    /** Recorded as received; the duty room must still answer. */
    RECEIVED,
    /** The alert is closed, or does not exist. */
    NOT_OPEN,
    /** This level is already answered (by the duty room), or this person already said they received it. */
    ALREADY
  }

  // The row is locked so that an answer and a level change of the same alert happen one after the other.
  private static final String OPEN = """
      SELECT a.level, a.answered_at IS NOT NULL, coalesce(a.level_since, a.raised_at),
             EXISTS (SELECT 1 FROM person_role r
                     WHERE r.person_id = ?
                       AND (r.role = 'admin' OR (r.role IN ('duty_officer', 'leader') AND r.county = p.county)))
      FROM alert a JOIN hazard_point p ON p.code = a.point_code
      WHERE a.id = ? AND a.closed_at IS NULL
      FOR UPDATE OF a""";
  private static final String ANSWER = """
      UPDATE alert SET answered_at = now(), answered_by = ?, answered_level = level WHERE id = ?""";
  private static final String RECEIVED_ALREADY = """
      SELECT 1 FROM alert_event
      WHERE alert_id = ? AND actor = ? AND type = 'received' AND coalesce(level, '') = coalesce(?::text, '') AND at >= ?""";

  private Answers() {
  }

  public static Outcome answer(Connection c, long alertId, long personId) throws SQLException {
    Optional<WarningLevel> level;
    boolean answered;
    Timestamp levelSince;
    boolean dutyRoom;
    try (PreparedStatement s = c.prepareStatement(OPEN)) {
      s.setLong(1, personId);
      s.setLong(2, alertId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Outcome.NOT_OPEN;
        }
        level = Optional.ofNullable(r.getString(1)).flatMap(WarningLevel::byKey);
        answered = r.getBoolean(2);
        levelSince = r.getTimestamp(3);
        dutyRoom = r.getBoolean(4);
      }
    }
    if (dutyRoom) {
      if (answered) {
        return Outcome.ALREADY;
      }
      try (PreparedStatement s = c.prepareStatement(ANSWER)) {
        s.setLong(1, personId);
        s.setLong(2, alertId);
        s.executeUpdate();
      }
      AlertRepository.event(c, alertId, AlertEventType.ANSWERED, level.orElse(null), personId, null, null);
      return Outcome.ANSWERED;
    }
    if (receivedAlready(c, alertId, personId, level, levelSince)) {
      return Outcome.ALREADY;
    }
    AlertRepository.event(c, alertId, AlertEventType.RECEIVED, level.orElse(null), personId, null, null);
    return Outcome.RECEIVED;
  }

  private static boolean receivedAlready(Connection c, long alertId, long personId, Optional<WarningLevel> level,
      Timestamp levelSince) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RECEIVED_ALREADY)) {
      s.setLong(1, alertId);
      s.setLong(2, personId);
      s.setString(3, level.map(WarningLevel::key).orElse(null));
      s.setTimestamp(4, levelSince);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }
}
