package org.geohazard.alerts.lifecycle;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.geohazard.domain.WarningLevel;

/**
 * The alert lifecycle and its audit trail: every change of an alert writes an alert_event in the same transaction.
 * One open alert per (point, source) is guaranteed by a unique index; callers serialise per point.
 */
public final class AlertRepository {
  private static final String FIND_OPEN =
      "SELECT id, level, drill FROM alert WHERE point_code = ? AND source = ? AND closed_at IS NULL";
  private static final String BY_ID = "SELECT point_code, source, kind, level, drill FROM alert WHERE id = ?";
  private static final String INSERT = """
      INSERT INTO alert (point_code, source, kind, level, title, drill) VALUES (?, ?, ?, ?, ?, ?) RETURNING id""";
  // A level up needs a new answer: the answer, the reminders and the escalation tier start again from it.
  private static final String LEVEL_UP = """
      UPDATE alert SET level = ?, level_since = now(), answered_at = NULL, answered_by = NULL, answered_level = NULL,
          last_reminded_at = NULL, escalation_tier = 0
      WHERE id = ? AND closed_at IS NULL AND level IS DISTINCT FROM ?""";
  // A level down keeps the answer (it covered a higher level) and the running reminders.
  private static final String LEVEL_DOWN =
      "UPDATE alert SET level = ? WHERE id = ? AND closed_at IS NULL AND level IS DISTINCT FROM ?";
  private static final String CLOSE = """
      UPDATE alert SET closed_at = now(), closed_by = ?, close_note = ? WHERE id = ? AND closed_at IS NULL""";
  private static final String EVENT = """
      INSERT INTO alert_event (alert_id, type, level, actor, note, detail) VALUES (?, ?, ?, ?, ?, ?::jsonb)""";

  private AlertRepository() {
  }

  public static Optional<OpenAlert> findOpen(Connection c, String point, String source) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND_OPEN)) {
      s.setString(1, point);
      s.setString(2, source);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new OpenAlert(r.getLong(1), Optional.ofNullable(r.getString(2))
            .flatMap(WarningLevel::byKey), r.getBoolean(3))) : Optional.empty();
      }
    }
  }

  /** An alert's point, source, kind, level and drill flag. */
  public record AlertInfo(String point, String source, AlertKind kind, Optional<WarningLevel> level, boolean drill) {
  }

  public static Optional<AlertInfo> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(BY_ID)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new AlertInfo(r.getString(1), r.getString(2),
            AlertKind.valueOf(r.getString(3).toUpperCase(java.util.Locale.ROOT)),
            Optional.ofNullable(r.getString(4)).flatMap(WarningLevel::byKey), r.getBoolean(5)));
      }
    }
  }

  public static long raise(Connection c, String point, String source, AlertKind kind, WarningLevel level,
      String title, boolean drill, JsonObject detail) throws SQLException {
    return raise(c, point, source, kind, level, title, drill, detail, null, null);
  }

  /** Raised by a person (a manual alert), with their note. */
  public static long raise(Connection c, String point, String source, AlertKind kind, WarningLevel level,
      String title, boolean drill, JsonObject detail, Long actor, String note) throws SQLException {
    long id;
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, point);
      s.setString(2, source);
      s.setString(3, kind.key());
      s.setString(4, level == null ? null : level.key());
      s.setString(5, title);
      s.setBoolean(6, drill);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        id = r.getLong(1);
      }
    }
    event(c, id, AlertEventType.RAISED, level, actor, note, detail);
    return id;
  }

  /**
   * Moves an open alert to another level, with its event. Returns false, and writes nothing, when the alert is closed
   * or already at that level.
   */
  public static boolean changeLevel(Connection c, long id, WarningLevel from, WarningLevel to, JsonObject detail)
      throws SQLException {
    boolean up = to.isAbove(from);
    try (PreparedStatement s = c.prepareStatement(up ? LEVEL_UP : LEVEL_DOWN)) {
      s.setString(1, to.key());
      s.setLong(2, id);
      s.setString(3, to.key());
      if (s.executeUpdate() == 0) {
        return false;
      }
    }
    event(c, id, up ? AlertEventType.LEVEL_UP : AlertEventType.LEVEL_DOWN, to, null, null, detail);
    return true;
  }

  /** Closes an alert whose condition has ended by itself. Returns false, and writes nothing, when it was closed. */
  public static boolean expire(Connection c, long id, JsonObject detail) throws SQLException {
    if (!close(c, id, null, null)) {
      return false;
    }
    event(c, id, AlertEventType.EXPIRED, null, null, null, detail);
    return true;
  }

  /** A duty officer closes the alert, with a note. Returns false when it was not open. */
  public static boolean resolve(Connection c, long id, long personId, String note) throws SQLException {
    if (!close(c, id, personId, note)) {
      return false;
    }
    event(c, id, AlertEventType.RESOLVED, null, personId, note, null);
    return true;
  }

  private static boolean close(Connection c, long id, Long personId, String note) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CLOSE)) {
      s.setObject(1, personId, java.sql.Types.BIGINT);
      s.setString(2, note);
      s.setLong(3, id);
      return s.executeUpdate() == 1;
    }
  }

  static void event(Connection c, long id, AlertEventType type, WarningLevel level, Long actor, String note,
      JsonObject detail) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(EVENT)) {
      s.setLong(1, id);
      s.setString(2, type.key());
      s.setString(3, level == null ? null : level.key());
      s.setObject(4, actor, java.sql.Types.BIGINT);
      s.setString(5, note);
      s.setString(6, detail == null ? null : detail.encode());
      s.executeUpdate();
    }
  }
}
