package org.geohazard.api.residents;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.geohazard.alerts.help.HelpRequest;

/** A call for help as the API shows it (schema HelpRequest of the contract). */
final class HelpRequestJson {
  private HelpRequestJson() {
  }

  static JsonObject of(HelpRequest r) {
    return new JsonObject()
        .put("id", r.id())
        .put("alert_id", r.alertId())
        .put("point", r.point())
        .put("person", new JsonObject().put("id", r.personId()).put("name", r.name()).put("phone", r.phone()))
        .put("note", r.note())
        .put("location", r.latitude() == null || r.longitude() == null ? null
            : new JsonObject().put("lat", r.latitude()).put("lon", r.longitude()))
        .put("asked_at", time(r.askedAt()))
        .put("recorded_by", r.recordedBy())
        .put("state", r.state())
        .put("taken_by", r.takenBy())
        .put("taken_at", time(r.takenAt()))
        .put("reminders", r.reminders())
        .put("escalated_at", time(r.escalatedAt()))
        .put("drill", r.drill());
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
