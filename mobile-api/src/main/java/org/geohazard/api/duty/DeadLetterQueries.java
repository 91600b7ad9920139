package org.geohazard.api.duty;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.api.Times;
import org.geohazard.api.alerts.Scope;

/**
 * Messages the platform could not use, newest first: administrators see all of them; duty officers and leaders those
 * of devices at points of their counties. Only the first {@link PayloadPreview#BYTES} of a payload are read.
 */
final class DeadLetterQueries {
  private static final String LIST = """
      SELECT dl.id, dl.received_at, dl.topic, dl.device_id, dv.point_code, dl.reason, dl.detail,
             substring(dl.payload FROM 1 FOR %d), dl.payload_size
      FROM dead_letter dl
      LEFT JOIN device dv ON dv.id = dl.device_id
      CROSS JOIN LATERAL (SELECT dv.point_code AS point_code) a
      WHERE (? OR %s)
        AND (?::text IS NULL OR dl.device_id = ?) AND (?::text IS NULL OR dl.reason = ?)
        AND (?::timestamptz IS NULL OR dl.received_at >= ?) AND (?::timestamptz IS NULL OR dl.received_at < ?)
        AND (?::timestamptz IS NULL OR (dl.received_at, dl.id) < (?, ?))
      ORDER BY dl.received_at DESC, dl.id DESC LIMIT ?""".formatted(PayloadPreview.BYTES, Scope.MAY_RESOLVE);

  /** Filters; null means any. {@code before} and {@code beforeId} are the last row of the previous page. */
  record Filter(String device, String reason, Instant from, Instant to, Instant before, long beforeId, int limit) {
  }

  private DeadLetterQueries() {
  }

  static List<JsonObject> list(Connection c, long person, boolean all, Filter filter) throws SQLException {
    List<JsonObject> items = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(LIST)) {
      int i = 0;
      s.setBoolean(++i, all);
      s.setLong(++i, person);
      s.setString(++i, filter.device());
      s.setString(++i, filter.device());
      s.setString(++i, filter.reason());
      s.setString(++i, filter.reason());
      for (Instant time : new Instant[] {filter.from(), filter.from(), filter.to(), filter.to(), filter.before(),
          filter.before()}) {
        s.setTimestamp(++i, time == null ? null : Timestamp.from(time));
      }
      s.setLong(++i, filter.beforeId());
      s.setInt(++i, filter.limit());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Timestamp received = r.getTimestamp(2);
          items.add(new JsonObject().put("id", r.getLong(1)).put("received_at", Times.text(received))
              .put("topic", r.getString(3)).put("device", r.getString(4)).put("point", r.getString(5))
              .put("reason", r.getString(6)).put("detail", r.getString(7))
              .put("payload", PayloadPreview.of(r.getBytes(8), r.getInt(9)))
              .put("cursor_micros", micros(received)));
        }
      }
    }
    return items;
  }

  static long micros(Timestamp time) {
    return Math.addExact(Math.multiplyExact(Math.floorDiv(time.getTime(), 1000L), 1_000_000L),
        time.getNanos() / 1000);
  }
}
