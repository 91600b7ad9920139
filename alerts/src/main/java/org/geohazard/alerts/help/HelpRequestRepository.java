package org.geohazard.alerts.help;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The help requests of alerts (table help_request, see migration V264). */
public final class HelpRequestRepository {
  private static final String SELECT = """
      SELECT h.id, h.alert_id, a.point_code, coalesce(hp.name, a.point_code), a.drill, h.person_id, p.name, p.phone,
             h.note, h.latitude, h.longitude, h.asked_at, h.recorded_by, h.state, h.taken_by, h.taken_at,
             h.reminders, h.last_reminded_at, h.escalated_at
      FROM help_request h JOIN alert a ON a.id = h.alert_id JOIN person p ON p.id = h.person_id
      LEFT JOIN hazard_point hp ON hp.code = a.point_code""";
  private static final String BY_ID = SELECT + " WHERE h.id = ?";
  private static final String DUE = SELECT + """
       WHERE h.state = 'open' AND a.closed_at IS NULL
      ORDER BY h.id
      FOR UPDATE OF h SKIP LOCKED""";
  /** A second call for help while one is current updates what the people who go need to know. */
  private static final String ASK = """
      INSERT INTO help_request (alert_id, person_id, note, latitude, longitude, recorded_by)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (alert_id, person_id) WHERE state IN ('open', 'taken') DO UPDATE
          SET note = coalesce(EXCLUDED.note, help_request.note),
              latitude = coalesce(EXCLUDED.latitude, help_request.latitude),
              longitude = coalesce(EXCLUDED.longitude, help_request.longitude)
      RETURNING id, xmax = 0""";
  private static final String CLOSE_ON_CHECK_IN = """
      UPDATE help_request SET state = ?, closed_at = now()
      WHERE alert_id = ? AND person_id = ? AND state IN ('open', 'taken')""";
  private static final String TAKE = """
      UPDATE help_request SET state = 'taken', taken_by = ?, taken_at = now() WHERE id = ? AND state = 'open'""";
  private static final String END_WITH_ALERTS = """
      UPDATE help_request h SET state = 'ended', closed_at = a.closed_at
      FROM alert a WHERE a.id = h.alert_id AND h.state = 'open' AND a.closed_at IS NOT NULL""";
  private static final String REMINDED =
      "UPDATE help_request SET reminders = reminders + 1, last_reminded_at = now() WHERE id = ?";
  private static final String ESCALATED = "UPDATE help_request SET escalated_at = now() WHERE id = ?";
  private static final String PERSON = "SELECT name, phone FROM person WHERE id = ?";

  /** A staff member as the resident is told of them. */
  public record Person(String name, String phone) {
  }

  /** The request a call for help opened, or the current one it updated. */
  public record Asked(long id, boolean isNew) {
  }

  private HelpRequestRepository() {
  }

  public static Asked ask(Connection c, long alert, long person, String note, Double lat, Double lon,
      Long recordedBy) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ASK)) {
      s.setLong(1, alert);
      s.setLong(2, person);
      s.setString(3, note);
      s.setObject(4, lat, Types.DOUBLE);
      s.setObject(5, lon, Types.DOUBLE);
      s.setObject(6, recordedBy, Types.BIGINT);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new Asked(r.getLong(1), r.getBoolean(2));
      }
    }
  }

  /** The resident checked in safe or evacuated: their current request is over. Returns whether there was one. */
  public static boolean closeOnCheckIn(Connection c, long alert, long person, String status) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CLOSE_ON_CHECK_IN)) {
      s.setString(1, status);
      s.setLong(2, alert);
      s.setLong(3, person);
      return s.executeUpdate() > 0;
    }
  }

  /** True when the request was open and is now this person's. */
  public static boolean take(Connection c, long id, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(TAKE)) {
      s.setLong(1, person);
      s.setLong(2, id);
      return s.executeUpdate() > 0;
    }
  }

  /** Requests nobody took on before their alert ended stop ringing; returns how many. */
  public static int endWithClosedAlerts(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(END_WITH_ALERTS)) {
      return s.executeUpdate();
    }
  }

  public static Optional<HelpRequest> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(BY_ID)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    }
  }

  /** The open requests of open alerts, locked for this transaction (others skip them). */
  public static List<HelpRequest> lockOpen(Connection c) throws SQLException {
    List<HelpRequest> requests = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(DUE); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        requests.add(read(r));
      }
    }
    return requests;
  }

  public static Optional<Person> person(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PERSON)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new Person(r.getString(1), r.getString(2))) : Optional.empty();
      }
    }
  }

  public static void reminded(Connection c, long id) throws SQLException {
    update(c, REMINDED, id);
  }

  public static void escalated(Connection c, long id) throws SQLException {
    update(c, ESCALATED, id);
  }

  private static void update(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  private static HelpRequest read(ResultSet r) throws SQLException {
    return new HelpRequest(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getBoolean(5), r.getLong(6),
        r.getString(7), r.getString(8), r.getString(9), (Double) r.getObject(10), (Double) r.getObject(11),
        instant(r.getTimestamp(12)), (Long) r.getObject(13), r.getString(14), (Long) r.getObject(15),
        instant(r.getTimestamp(16)), r.getInt(17), instant(r.getTimestamp(18)), instant(r.getTimestamp(19)));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
