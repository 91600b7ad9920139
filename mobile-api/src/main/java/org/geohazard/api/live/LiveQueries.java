package org.geohazard.api.live;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.geohazard.registry.PointScope;

/** What a stream may show its person, and the alert events it missed while away. */
final class LiveQueries {
  /**
   * The points whose staff the person is: device events, device-health alerts, danger reports and calls for help are
   * for them. A point the person only lives at is not among them, whatever roles they hold elsewhere.
   */
  private static final String POINTS = "SELECT p.code FROM hazard_point p WHERE " + PointScope.STAFF;
  private static final String MISSED = """
      SELECT e.id, live_alert_json(e) FROM alert_event e JOIN alert a ON a.id = e.alert_id
      WHERE e.id > ? AND a.point_code = ANY (?) ORDER BY e.id LIMIT ?""";

  /** The scope of one stream: the points its person may see, and the alert events after the client's last one. */
  record Start(Set<String> points, List<JsonObject> missed) {
  }

  private LiveQueries() {
  }

  /** Empty points when the person is staff of no point (a resident only): the stream is for the duty apps. */
  static Start start(Connection c, long person, Long lastEventId, int maxMissed) throws SQLException {
    Set<String> points = points(c, person);
    List<JsonObject> missed = new ArrayList<>();
    if (lastEventId != null && !points.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement(MISSED)) {
        s.setLong(1, lastEventId);
        s.setArray(2, c.createArrayOf("text", points.toArray()));
        s.setInt(3, maxMissed);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            missed.add(new JsonObject(r.getString(2)));
          }
        }
      }
    }
    return new Start(points, missed);
  }

  static Set<String> points(Connection c, long person) throws SQLException {
    Set<String> points = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement(POINTS)) {
      s.setLong(1, person);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          points.add(r.getString(1));
        }
      }
    }
    return points;
  }
}
