package org.geohazard.api.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geohazard.api.Statements;

/** Alerts as the apps see them, limited to what the caller may see. */
public final class AlertQueries {
  private static final String COLUMNS = """
      SELECT a.id, a.point_code, p.name, a.kind, a.level, a.title, a.drill, a.raised_at, a.answered_at, a.closed_at,
             a.answered_level
      FROM alert a JOIN hazard_point p ON p.code = a.point_code""";
  private static final String EVENTS =
      "SELECT type, at, level, actor, note FROM alert_event WHERE alert_id = ? ORDER BY id";

  /** Filters of the alert list; null means any. */
  record Filter(String level, String state, String point, Boolean drill, Long before, int limit) {
  }

  private AlertQueries() {
  }

  static List<JsonObject> list(Connection c, long person, Filter filter) throws SQLException {
    StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE ").append(Scope.VISIBLE);
    List<Object> params = new ArrayList<>(List.of(person));
    if (filter.level() != null) {
      sql.append(" AND a.level = ?");
      params.add(filter.level());
    }
    if (filter.state() != null) {
      sql.append(switch (filter.state()) {
        case "open" -> " AND a.closed_at IS NULL AND a.answered_at IS NULL";
        case "answered" -> " AND a.closed_at IS NULL AND a.answered_at IS NOT NULL";
        default -> " AND a.closed_at IS NOT NULL";
      });
    }
    if (filter.point() != null) {
      sql.append(" AND a.point_code = ?");
      params.add(filter.point());
    }
    if (filter.drill() != null) {
      sql.append(" AND a.drill = ?");
      params.add(filter.drill());
    }
    if (filter.before() != null) {
      sql.append(" AND a.id < ?");
      params.add(filter.before());
    }
    sql.append(" ORDER BY a.id DESC LIMIT ?");
    params.add(filter.limit());
    try (PreparedStatement s = Statements.prepare(c, sql.toString(), params)) {
      List<JsonObject> alerts = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          alerts.add(alert(r));
        }
      }
      return alerts;
    }
  }

  /** One alert with its events, if the caller may see it. */
  public static Optional<JsonObject> find(Connection c, long person, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE a.id = ? AND " + Scope.VISIBLE)) {
      s.setLong(1, id);
      s.setLong(2, person);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(alert(r).put("events", events(c, id)));
      }
    }
  }

  static Optional<JsonObject> person(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT name, phone FROM person WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        JsonObject person = new JsonObject().put("id", id).put("name", r.getString(1)).put("phone", r.getString(2));
        JsonArray roles = new JsonArray();
        try (PreparedStatement q = c.prepareStatement(
            "SELECT role, county, point_code FROM person_role WHERE person_id = ? ORDER BY role, county, point_code")) {
          q.setLong(1, id);
          try (ResultSet rr = q.executeQuery()) {
            while (rr.next()) {
              roles.add(new JsonObject().put("role", rr.getString(1))
                  .put("county", rr.getString(2).isEmpty() ? null : rr.getString(2))
                  .put("point", rr.getString(3).isEmpty() ? null : rr.getString(3)));
            }
          }
        }
        return Optional.of(person.put("roles", roles));
      }
    }
  }

  static boolean allowed(Connection c, String rule, long person, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM alert a WHERE a.id = ? AND " + rule)) {
      s.setLong(1, id);
      s.setLong(2, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static JsonArray events(Connection c, long id) throws SQLException {
    JsonArray events = new JsonArray();
    try (PreparedStatement s = c.prepareStatement(EVENTS)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          events.add(new JsonObject().put("type", r.getString(1)).put("at", time(r.getTimestamp(2)))
              .put("level", r.getString(3)).put("actor", (Long) r.getObject(4)).put("note", r.getString(5)));
        }
      }
    }
    return events;
  }

  private static JsonObject alert(ResultSet r) throws SQLException {
    Timestamp answered = r.getTimestamp(9);
    Timestamp closed = r.getTimestamp(10);
    return new JsonObject()
        .put("id", r.getLong(1))
        .put("point", r.getString(2))
        .put("point_name", r.getString(3))
        .put("kind", r.getString(4))
        .put("level", r.getString(5))
        .put("title", r.getString(6))
        .put("state", closed != null ? "closed" : answered != null ? "answered" : "open")
        .put("drill", r.getBoolean(7))
        .put("raised_at", time(r.getTimestamp(8)))
        .put("answered_at", time(answered))
        // the level the duty room answered; null while the current level awaits its answer
        .put("answered_level", answered == null ? null : r.getString(11))
        .put("closed_at", time(closed));
  }

  private static String time(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }
}
