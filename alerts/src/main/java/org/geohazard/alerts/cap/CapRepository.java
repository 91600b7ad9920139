package org.geohazard.alerts.cap;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.geohazard.domain.WarningLevel;

/** Loads the CAP messages of a public alert: one per event that changed what the public is told. */
public final class CapRepository {
  private static final Set<String> PUBLIC_EVENTS = Set.of("raised", "level_up", "level_down", "expired", "resolved");
  private static final String EVENTS = """
      SELECT e.id, e.type, e.at, coalesce(e.level, a.level), a.drill, a.title, e.note,
             p.code, p.name, p.hazard_type, p.latitude, p.longitude, p.county, p.township, p.village,
             p.threatened_zone, p.evacuation_plan, a.kind
      FROM alert a JOIN alert_event e ON e.alert_id = a.id JOIN hazard_point p ON p.code = a.point_code
      WHERE a.id = ? AND a.kind IN ('warning', 'manual')
      ORDER BY e.id""";

  private CapRepository() {
  }

  /** The alert's CAP messages in order; empty when it is not a public alert. */
  public static List<CapMessage> messages(Connection c, long alertId) throws SQLException {
    List<CapMessage> messages = new ArrayList<>();
    List<CapMessage.Earlier> earlier = new ArrayList<>();
    Optional<WarningLevel> lastLevel = Optional.empty();
    try (PreparedStatement s = c.prepareStatement(EVENTS)) {
      s.setLong(1, alertId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String type = r.getString(2);
          if (!PUBLIC_EVENTS.contains(type)) {
            continue;
          }
          Optional<WarningLevel> level = Optional.ofNullable(r.getString(4)).flatMap(WarningLevel::byKey);
          if (level.isPresent()) {
            lastLevel = level;
          }
          CapMessage.Point point = new CapMessage.Point(r.getString(8), r.getString(9), r.getString(10),
              r.getDouble(11), r.getDouble(12), r.getString(13), r.getString(14), r.getString(15),
              json(r.getString(16)), json(r.getString(17)));
          CapMessage message = new CapMessage(alertId, r.getLong(1), type, r.getTimestamp(3).toInstant(),
              type.equals("expired") || type.equals("resolved") ? lastLevel : level, r.getBoolean(5),
              r.getString(6), r.getString(18).equals("manual"), r.getString(7), point, List.copyOf(earlier));
          messages.add(message);
          earlier.add(new CapMessage.Earlier(message.eventId(), message.sent()));
        }
      }
    }
    return messages;
  }

  private static JsonObject json(String text) {
    return text == null ? null : new JsonObject(text);
  }
}
