package org.geohazard.api.events;

import io.vertx.core.json.JsonObject;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.geohazard.api.Times;

/** A disaster event and the totals of a listing as the contract gives them. */
final class EventJson {
  private EventJson() {
  }

  /** The event of a row of {@code EventQueries}' columns. */
  static JsonObject event(ResultSet r) throws SQLException {
    Double lat = nullable(r, 7, Double.class);
    Double lon = nullable(r, 8, Double.class);
    Date investigatedOn = r.getDate(20);
    return new JsonObject().put("id", r.getLong(1)).put("county", r.getString(2)).put("township", r.getString(3))
        .put("kind", r.getString(4)).put("point", r.getString(5)).put("place", r.getString(6))
        .put("location", lat == null ? null : new JsonObject().put("lat", lat).put("lon", lon))
        .put("occurred_at", Times.text(r.getTimestamp(9))).put("volume_m3", nullable(r, 10, Double.class))
        .put("deaths", r.getInt(11)).put("missing", r.getInt(12)).put("injured", r.getInt(13))
        .put("houses_destroyed", r.getInt(14)).put("houses_damaged", r.getInt(15))
        .put("direct_loss_yuan", nullable(r, 16, Long.class)).put("people_warned_safe", r.getInt(17))
        .put("alert_id", nullable(r, 18, Long.class)).put("investigation", r.getString(19))
        .put("investigated_on", investigatedOn == null ? null : investigatedOn.toLocalDate().toString())
        .put("handling", r.getString(21)).put("funds_yuan", nullable(r, 22, Long.class))
        .put("notes", r.getString(23)).put("created_at", Times.text(r.getTimestamp(24)))
        .put("updated_at", Times.text(r.getTimestamp(25)));
  }

  /** The listing's totals, next to its items. */
  static JsonObject totals(EventQueries.Totals t) {
    return new JsonObject().put("events", t.events()).put("deaths", t.deaths()).put("missing", t.missing())
        .put("injured", t.injured()).put("people_warned_safe", t.peopleWarnedSafe())
        .put("direct_loss_yuan", t.directLossYuan())
        .put("at_planned_points", new JsonObject().put("events", t.atPlannedPoints())
            .put("casualties", t.atPlannedPointsCasualties())
            .put("zero_casualty_events", t.zeroCasualtyAtPlannedPoints()));
  }

  private static <T> T nullable(ResultSet r, int column, Class<T> type) throws SQLException {
    T value = r.getObject(column, type);
    return r.wasNull() ? null : value;
  }
}
